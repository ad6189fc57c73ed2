package locale

import (
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
