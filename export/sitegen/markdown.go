package sitegen

import (
	"fmt"
	"strings"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
)

// Converter turns the HTML readers saw into Markdown.
type Converter struct {
	conv *converter.Converter
}

// keptAsHTML are elements Markdown cannot say: figures with their
// captions, galleries, embedded players and frames, definition lists and
// the like. They go into the Markdown as HTML, which Hugo (with unsafe
// rendering on) and kramdown pass through.
var keptAsHTML = []string{"figure", "iframe", "video", "audio", "object", "embed", "dl", "details", "sup", "sub", "ins", "abbr", "cite", "q", "kbd", "address"}

// NewConverter makes a Converter: CommonMark with tables and strikethrough.
func NewConverter() *Converter {
	conv := converter.NewConverter(converter.WithPlugins(
		base.NewBasePlugin(),
		commonmark.NewCommonmarkPlugin(),
		table.NewTablePlugin(),
		strikethrough.NewStrikethroughPlugin(),
	))
	for _, tag := range keptAsHTML {
		tagType := converter.TagTypeBlock
		switch tag {
		case "sup", "sub", "ins", "abbr", "cite", "q", "kbd":
			tagType = converter.TagTypeInline
		}
		conv.Register.RendererFor(tag, tagType, base.RenderAsHTML, converter.PriorityEarly)
	}
	return &Converter{conv: conv}
}

// Markdown converts an HTML fragment.
func (c *Converter) Markdown(html string) (string, error) {
	md, err := c.conv.ConvertString(html)
	if err != nil {
		return "", fmt.Errorf("converting to Markdown: %w", err)
	}
	return strings.TrimSpace(md), nil
}
