// Package locale holds what parc needs to show a blog in its own
// language: the words of the pages parc draws around the blog's content,
// their plural forms, and the blog's dates written as WordPress writes
// them in that language by default.
//
// The languages are those the search index analyzes: English, German,
// French, Spanish, Italian, Portuguese, Dutch, Russian, Japanese and
// Chinese. A blog in any other language is shown in English, as is any
// word a language's catalog lacks.
package locale

import (
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Locale writes words and dates in one language. The zero value is not
// usable; get one with For. A Locale is safe for concurrent use.
type Locale struct {
	tag     language.Tag
	printer *message.Printer
	dates   dates
}

// Catalog is the translations of parc's strings in every language it
// has; build it once with NewCatalog.
type Catalog struct {
	matcher language.Matcher
	locales map[language.Tag]*Locale
}

// NewCatalog builds the catalog of every language parc shows blogs in.
func NewCatalog() *Catalog {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	for _, l := range languages {
		for key, msg := range l.messages {
			if err := b.Set(l.tag, key, msg...); err != nil {
				panic("locale: catalog entry " + key + ": " + err.Error()) // the table is part of the program
			}
		}
	}
	c := &Catalog{locales: map[language.Tag]*Locale{}}
	for _, l := range languages {
		c.locales[l.tag] = &Locale{tag: l.tag, printer: message.NewPrinter(l.tag, message.Catalog(b)), dates: l.dates}
	}
	c.matcher = language.NewMatcher(c.Tags())
	return c
}

// For is the locale of a blog whose language is lang, as its export or
// feed names it ("de-DE", "de_DE", "pt-br"); English when lang is empty,
// unreadable or a language parc has no words for.
func (c *Catalog) For(lang string) *Locale {
	english := c.locales[language.English]
	tag, err := language.Parse(strings.ReplaceAll(strings.TrimSpace(lang), "_", "-"))
	if err != nil {
		return english
	}
	_, i, confidence := c.matcher.Match(tag)
	if confidence < language.High {
		return english
	}
	return c.locales[languages[i].tag]
}

// Tags are the languages of the catalog, English first.
func (c *Catalog) Tags() []language.Tag {
	tags := make([]language.Tag, len(languages))
	for i, l := range languages {
		tags[i] = l.tag
	}
	return tags
}

// Tag is the locale's language.
func (l *Locale) Tag() language.Tag { return l.tag }

// Say writes one of parc's strings, with the plural form its number
// argument needs; format is the English message, the catalog's key.
func (l *Locale) Say(format string, args ...any) string {
	return l.printer.Sprintf(format, args...)
}

// Date writes a day as WordPress's default date format of the language
// does ("January 2, 2006", "2. Januar 2006").
func (l *Locale) Date(t time.Time) string { return l.dates.format(l.dates.date, t) }

// Time writes a time of day as WordPress's default time format of the
// language does ("3:04 pm", "15:04").
func (l *Locale) Time(t time.Time) string { return l.dates.format(l.dates.time, t) }

// DateTime writes a moment as WordPress's comments show it, its day and
// its time of day ("March 9, 2012 at 3:04 pm", "9. März 2012 um 15:04").
func (l *Locale) DateTime(t time.Time) string { return l.Say(DateAtTime, l.Date(t), l.Time(t)) }

// Month writes a month and its year, as monthly archives are named
// ("January 2006", "Januar 2006").
func (l *Locale) Month(t time.Time) string { return l.dates.format(l.dates.month, t) }

// MonthAbbrev is the short name of the month, as the calendar's links
// to other months show it ("Jan").
func (l *Locale) MonthAbbrev(m time.Month) string { return l.dates.monthsShort[m-1] }

// Weekday is the name of a day of the week.
func (l *Locale) Weekday(d time.Weekday) string { return l.dates.weekdays[d] }

// WeekdayInitial is the letter a calendar heads a day of the week with.
func (l *Locale) WeekdayInitial(d time.Weekday) string {
	if initial := l.dates.weekdayInitials[d]; initial != "" {
		return initial
	}
	for _, r := range l.dates.weekdays[d] {
		return string(r)
	}
	return ""
}
