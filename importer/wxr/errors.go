package wxr

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNotWXR is the reason WordPress's own importer gives when the channel
// has no wp:wxr_version or one that is not digits-dot-digits; the wording is
// kept so users can search for it.
var ErrNotWXR = errors.New("This does not appear to be a WXR file, missing/invalid WXR version number") //nolint:staticcheck // WordPress's exact message

// Error is a failure to read a WXR file, with the place in the original
// file where it happened.
type Error struct {
	File   string
	Line   int
	Column int
	Err    error
}

func (e *Error) Error() string {
	msg := strings.ReplaceAll(e.Err.Error(), "\n", " ")
	return fmt.Sprintf("wxr %s:%d:%d: %s", e.File, e.Line, e.Column, msg)
}

func (e *Error) Unwrap() error { return e.Err }
