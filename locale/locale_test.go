package locale

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestLocale(t *testing.T) {
	c := NewCatalog()
	day := time.Date(2012, 3, 9, 15, 4, 0, 0, time.UTC)
	tests := []struct {
		lang                          string
		one, many, date, clock, month string
	}{
		{"en-US", "One response to “Hi”", "19 responses to “Hi”", "March 9, 2012", "3:04 pm", "March 2012"},
		{"de-DE", "Eine Antwort auf „Hi“", "19 Antworten auf „Hi“", "9. März 2012", "15:04", "März 2012"},
		{"de_AT", "Eine Antwort auf „Hi“", "19 Antworten auf „Hi“", "9. März 2012", "15:04", "März 2012"},
		{"fr-FR", "Une réponse à « Hi »", "19 réponses à « Hi »", "9 mars 2012", "15h04", "mars 2012"},
		{"es-ES", "Una respuesta a «Hi»", "19 respuestas a «Hi»", "9 de marzo de 2012", "15:04", "marzo de 2012"},
		{"it-IT", "Una risposta a “Hi”", "19 risposte a “Hi”", "9 marzo 2012", "15:04", "marzo 2012"},
		{"pt-BR", "Uma resposta para “Hi”", "19 respostas para “Hi”", "9 de março de 2012", "15:04", "março de 2012"},
		{"nl-NL", "Eén reactie op “Hi”", "19 reacties op “Hi”", "9 maart 2012", "15:04", "maart 2012"},
		{"ru-RU", "1 ответ на «Hi»", "19 ответов на «Hi»", "09.03.2012", "15:04", "Март 2012"},
		{"ja", "“Hi” への1件のフィードバック", "“Hi” への19件のフィードバック", "2012年3月9日", "15:04", "2012年3月"},
		{"zh-CN", "《Hi》有1条评论", "《Hi》有19条评论", "2012年3月9日", "15:04", "2012年3月"},
		// Languages parc has no words for, and nonsense, are English.
		{"fi-FI", "One response to “Hi”", "19 responses to “Hi”", "March 9, 2012", "3:04 pm", "March 2012"},
		{"", "One response to “Hi”", "19 responses to “Hi”", "March 9, 2012", "3:04 pm", "March 2012"},
		{"<script>", "One response to “Hi”", "19 responses to “Hi”", "March 9, 2012", "3:04 pm", "March 2012"},
	}
	for _, tt := range tests {
		l := c.For(tt.lang)
		got := []string{l.Say(Responses, 1, "Hi"), l.Say(Responses, 19, "Hi"), l.Date(day), l.Time(day), l.Month(day)}
		want := []string{tt.one, tt.many, tt.date, tt.clock, tt.month}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%q: got %q, want %q", tt.lang, got[i], want[i])
			}
		}
	}
	ru := c.For("ru")
	for n, want := range map[int]string{1: "1 комментарий", 3: "3 комментария", 5: "5 комментариев", 21: "21 комментарий", 22: "22 комментария", 11: "11 комментариев"} {
		if got := ru.Say(Comments, n); got != want {
			t.Errorf("ru %d comments: %q, want %q", n, got, want)
		}
	}
	// A string a language lacks falls back to English.
	if got := c.For("it").Say(Pings); got != "Pingbacks and trackbacks" {
		t.Errorf("fallback: %q", got)
	}
	if got := c.For("zh").WeekdayInitial(time.Monday); got != "一" {
		t.Errorf("zh Monday: %q", got)
	}
}

func TestMonthNamed(t *testing.T) {
	for word, want := range map[string]time.Month{
		"Jun": time.June, "June": time.June, "März": time.March, "dez.": time.December,
		"janvier": time.January, "января": time.January, "Май": time.May, "mei": time.May,
	} {
		if got, ok := MonthNamed(word); !ok || got != want {
			t.Errorf("MonthNamed(%q) = %v, %v; want %v", word, got, ok, want)
		}
	}
	for _, word := range []string{"", "at", "um", "2019", "Mara"} {
		if m, ok := MonthNamed(word); ok {
			t.Errorf("MonthNamed(%q) = %v, want none", word, m)
		}
	}
}

// TestPagesSpeakEveryLanguage: the words of the feeds, the error pages,
// the password notices and the search page are in every language parc
// has, not English in a German blog's page.
func TestPagesSpeakEveryLanguage(t *testing.T) {
	keys := []string{
		FeedOf, CommentsFeedOf, FeedOfListing, PostComments, SiteComments, FeedCommentBy, FeedCommentOn,
		CategoryArchive, TagArchive, AuthorArchive,
		NotFound, NoSuchPage, NoSuchFile, BadRequest, TryAgain, Unreadable, MethodNotAllowed, ReadOnlyMethods,
		AddressTooLong, NoLongAddress, BadAddress, NoSuchAddress, TrySearching, GoHome,
		PasswordProtected, ProtectedCard, ProtectedPost,
		SearchResultsFor, SearchUnavailable, CommentBy, Refine, FacetYear, FacetAuthor, FacetCategory, FacetTag,
		QueryNotUnderstood, SearchTimedOut, QueryTooLong, PageOutOfRange, SearchBusy,
	}
	for _, l := range languages[1:] {
		for _, key := range keys {
			if _, ok := l.messages[key]; !ok {
				t.Errorf("%v has no words for %q", l.tag, key)
			}
		}
	}
	c := NewCatalog()
	for _, tt := range []struct{ lang, key, want string }{
		{"en-GB", PostComments + "|Hi", "Comments on: Hi"},
		{"de-DE", PostComments + "|Hi", "Kommentare zu: Hi"},
		{"fr-FR", PostComments + "|Hi", "Commentaires sur : Hi"},
		{"de-DE", FeedCommentOn + "|Hi|Ann", "Kommentar zu Hi von Ann"},
		{"ja", FeedCommentOn + "|Hi|Ann", "Ann より Hi へのコメント"},
		{"zh-CN", FeedCommentOn + "|Hi|Ann", "Ann对《Hi》的评论"},
		{"de-DE", NotFound, "Nicht gefunden"},
		{"fr-FR", PasswordProtected, "Ce contenu est protégé par un mot de passe."},
		{"ja", SearchResultsFor + "|灯台", "“灯台” の検索結果"},
		{"fi-FI", SearchResultsFor + "|majakka", "Search results for “majakka”"},
	} {
		key, args, _ := strings.Cut(tt.key, "|")
		var values []any
		for _, a := range strings.Split(args, "|") {
			if a != "" {
				values = append(values, a)
			}
		}
		if got := c.For(tt.lang).Say(key, values...); got != tt.want {
			t.Errorf("%s %q: %q, want %q", tt.lang, key, got, tt.want)
		}
	}
}

// TestTranslationsTakeTheirArguments: every language's words for a key
// show each of the values the English words do, and no formatting error,
// so a translation cannot drop a post's title or a count. A value the
// English words do not show (the count that picks "Responses to “%[2]s”"
// over "Response to …") is a number.
func TestTranslationsTakeTheirArguments(t *testing.T) {
	verb := regexp.MustCompile(`%(?:\[(\d)\])?([sd])`)
	c := NewCatalog()
	for _, l := range languages {
		for key := range l.messages {
			var args []any
			var shown []string
			next := 0
			for _, m := range verb.FindAllStringSubmatch(key, -1) {
				at := next
				if m[1] != "" {
					at, _ = strconv.Atoi(m[1])
					at--
				}
				next = at + 1
				for len(args) <= at {
					args = append(args, 40+len(args))
				}
				if m[2] == "d" {
					shown = append(shown, strconv.Itoa(40+at))
				} else {
					args[at] = "⟨" + strconv.Itoa(at) + "⟩"
					shown = append(shown, "⟨"+strconv.Itoa(at)+"⟩")
				}
			}
			got := c.For(l.tag.String()).Say(key, args...)
			if strings.Contains(got, "%!") {
				t.Errorf("%v %q: %q", l.tag, key, got)
			}
			for _, s := range shown {
				if !strings.Contains(got, s) {
					t.Errorf("%v %q: %q lacks %s", l.tag, key, got, s)
				}
			}
		}
	}
}

// TestDateTime: a moment as a comment's date shows it, and parc show
// prints it.
func TestDateTime(t *testing.T) {
	c := NewCatalog()
	moment := time.Date(2012, 3, 9, 15, 4, 0, 0, time.UTC)
	for lang, want := range map[string]string{
		"en": "March 9, 2012 at 3:04 pm", "de": "9. März 2012 um 15:04", "fr": "9 mars 2012 à 15h04", "ja": "2012年3月9日 15:04",
	} {
		if got := c.For(lang).DateTime(moment); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}
