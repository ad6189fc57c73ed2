package hugo

import (
	"regexp"
	"strings"
)

var (
	// videoParagraph is a paragraph that is only a link whose text is its
	// address: a URL on a line of its own, which WordPress embedded.
	videoParagraph = regexp.MustCompile(`(?m)^\[([^\]\n]+)\]\((https?://[^)\s]+)\)$`)
	// videoFrame is an embedded player, as rendered pages and the REST
	// API show an embed (the sanitizer keeps only YouTube's and Vimeo's).
	videoFrame = regexp.MustCompile(`<iframe\b[^>]*?\bsrc="(https?://[^"]+)"[^>]*>\s*</iframe>`)
	youtubeID  = regexp.MustCompile(`^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:[^#]*&)?v=|embed/|shorts/|live/)|youtube-nocookie\.com/embed/|youtu\.be/)([\w-]{11})\b`)
	vimeoID    = regexp.MustCompile(`^https?://(?:www\.|player\.)?vimeo\.com/(?:video/)?(\d+)\b`)
)

// videoShortcodes writes YouTube and Vimeo embeds as Hugo's own
// shortcodes ({{< youtube ID >}}, {{< vimeo ID >}}), which play the video
// as WordPress did; links to videos within text stay links. It runs after
// escapeShortcodes, so that only its own shortcodes are live.
func videoShortcodes(md string) string {
	if !strings.Contains(md, "youtu") && !strings.Contains(md, "vimeo.com") {
		return md
	}
	md = videoParagraph.ReplaceAllStringFunc(md, func(line string) string {
		m := videoParagraph.FindStringSubmatch(line)
		if strings.ReplaceAll(m[1], `\`, "") != m[2] {
			return line
		}
		if code := videoShortcode(m[2]); code != "" {
			return code
		}
		return line
	})
	return videoFrame.ReplaceAllStringFunc(md, func(frame string) string {
		src := strings.ReplaceAll(videoFrame.FindStringSubmatch(frame)[1], "&amp;", "&")
		if code := videoShortcode(src); code != "" {
			return code
		}
		return frame
	})
}

// videoShortcode is the shortcode that plays the video at a URL, or "".
func videoShortcode(link string) string {
	if m := youtubeID.FindStringSubmatch(link); m != nil {
		return "{{< youtube " + m[1] + " >}}"
	}
	if m := vimeoID.FindStringSubmatch(link); m != nil {
		return "{{< vimeo " + m[1] + " >}}"
	}
	return ""
}
