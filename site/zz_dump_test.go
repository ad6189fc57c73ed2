package site

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/parc-archive/parc/internal/corpustruth"
	"github.com/parc-archive/parc/internal/sharedtest"
)

func TestZZDump(t *testing.T) {
	store := importArchive(t, sharedtest.File(t, corpustruth.CorpusExport))
	_, ts := startSite(t, Config{Store: store})
	for _, p := range corpustruth.REST(t) {
		if p.ID != 51 && p.ID != 34 && p.ID != 1736 && p.ID != 1031 {
			continue
		}
		page := get(t, ts.URL+"/?p="+itoa(int(p.ID)))
		doc, _ := html.Parse(strings.NewReader(page.body))
		n := findElement(doc, func(n *html.Node) bool { return n.DataAtom == atom.Div && hasClass(n, "content") })
		parc := ""
		if n != nil {
			parc = innerHTML(n)
		}
		os.WriteFile("/tmp/render2/parc-"+itoa(int(p.ID))+".txt", []byte(strings.Join(visibleWords(parc), " ")), 0o644)
		os.WriteFile("/tmp/render2/wp-"+itoa(int(p.ID))+".txt", []byte(strings.Join(visibleWords(p.Content), " ")), 0o644)
		os.WriteFile("/tmp/render2/parc-"+itoa(int(p.ID))+".html", []byte(parc), 0o644)
	}
}
