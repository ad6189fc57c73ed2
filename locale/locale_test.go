package locale

import (
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/feature/plural"
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
	// The comments block's title without its count reads singular for
	// one response only, as WordPress's ('1' === $comments_count), not for
	// 21, which Russian counts as it counts 1.
	for n, want := range map[int]string{1: "Ответ на «Hi»", 2: "Ответы на «Hi»", 21: "Ответы на «Hi»"} {
		if got := ru.Say(ResponsesTo, n, "Hi"); got != want {
			t.Errorf("ru responses to, %d: %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int]string{1: "1 ответ", 3: "3 ответа", 5: "5 ответов", 21: "21 ответ", 11: "11 ответов"} {
		if got := ru.Say(ResponseCount, n); got != want {
			t.Errorf("ru %d responses: %q, want %q", n, got, want)
		}
	}
	// A string the catalog lacks (a theme's own, say) is shown as written.
	if got := c.For("it").Say("%d lighthouses", 3); got != "3 lighthouses" {
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

// TestPagesSpeakEveryLanguage: every string of parc's, each constant of
// languages.go, has words in every language parc has, so no page of a
// German blog falls back to English for one of them.
func TestPagesSpeakEveryLanguage(t *testing.T) {
	keys := catalogKeys(t)
	if len(keys) < 50 {
		t.Fatalf("found %d keys in languages.go; the test no longer reads them", len(keys))
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

// catalogKeys are the values of the string constants of languages.go:
// the catalog's keys, every one, as the source declares them.
func catalogKeys(t *testing.T) []string {
	t.Helper()
	file, err := parser.ParseFile(token.NewFileSet(), "languages.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.CONST {
			continue
		}
		for _, spec := range gen.Specs {
			for _, value := range spec.(*ast.ValueSpec).Values {
				lit, ok := value.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					t.Fatalf("a constant of languages.go is not a string literal: %#v", value)
				}
				key, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				keys = append(keys, key)
			}
		}
	}
	return keys
}

// TestCountsTakeTheirPluralForms: every count parc writes ("%d posts",
// the keys English gives plural forms) takes each language's own forms:
// one post and five posts read differently wherever the language's
// plural rules tell 1 from 5 (and 2 from 5, as Russian's do), so no
// language says "1 Beiträge".
func TestCountsTakeTheirPluralForms(t *testing.T) {
	c := NewCatalog()
	digits := regexp.MustCompile(`\d+`)
	english := c.For("en")
	for _, l := range languages {
		for key := range languages[0].messages {
			args := []any{0, "Hi"} // the count, and a title where the words name one
			if !strings.Contains(key, "%[2]s") && !strings.Contains(key, "%s") {
				args = args[:1]
			}
			if args[0] = 5; !strings.Contains(english.Say(key, args...), "5") {
				continue // a form chosen by the count, which it does not show ("Responses to …")
			}
			written := map[plural.Form]string{} // one text of each form; "=1" may have its own
			for _, n := range []int{1, 2, 5} {
				args[0] = n
				form := plural.Cardinal.MatchPlural(l.tag, n, 0, 0, 0, 0)
				got := digits.ReplaceAllString(c.For(l.tag.String()).Say(key, args...), "N")
				for otherForm, other := range written {
					if otherForm != form && other == got {
						t.Errorf("%v %q: %q for two plural forms", l.tag, key, got)
					}
				}
				written[form] = got
			}
		}
	}
}

// TestWordsAreWordPresss: where WordPress has the same string, a blog
// reads WordPress's own translation of it (from its 6.1 catalogs), as
// its readers did, not one of parc's making.
func TestWordsAreWordPresss(t *testing.T) {
	c := NewCatalog()
	for _, tt := range []struct {
		lang, key string
		args      []any
		want      string
	}{
		{"nl", Protected, []any{"Hi"}, "Beveiligd: Hi"},
		{"ru", Search, nil, "Поиск"},
		{"fr", NoComments, nil, "Pas de commentaire"},
		{"ja", NoComments, nil, "コメントはまだありません"},
		{"de", CommentsFeed, nil, "RSS-Kommentare"},
		{"nl", CommentsFeed, nil, "Reactiefeed"},
		{"ja", CommentOnPost, []any{"Ann", "Hi"}, "Hi に Ann より"},
		{"it", NoTitle, nil, "(senza titolo)"},
		{"ru", NoTitle, nil, "(без названия)"},
		{"zh", NoTitle, nil, "(无标题)"},
		{"zh", DayArchive, []any{"2012年3月9日"}, "日期：2012年3月9日"},
		{"fr", Comments, []any{1}, "Un commentaire"},
		{"zh", Comments, []any{1}, "一条评论"},
		{"zh", Comments, []any{3}, "3条评论"},
	} {
		if got := c.For(tt.lang).Say(tt.key, tt.args...); got != tt.want {
			t.Errorf("%s %q: %q, want WordPress's %q", tt.lang, tt.key, got, tt.want)
		}
	}
}
