package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// assetPrefix is where static files live; the underscore keeps it clear
// of any WordPress permalink.
const assetPrefix = "/_parc/static/"

// avatarAsset is the picture the avatar block shows for everyone, as
// WordPress shows its default for people without a picture of their own.
const avatarAsset = "avatar.svg"

// assets are the theme's static files, each served at a URL holding a
// hash of its content so that it can be cached for a year.
type assets struct {
	files map[string]*response // by file name
	urls  map[string]string    // file name → fingerprinted URL
}

func loadAssets(theme fs.FS) (*assets, error) {
	entries, err := fs.ReadDir(theme, "static")
	if err != nil {
		return nil, fmt.Errorf("site: theme assets: %w", err)
	}
	a := &assets{files: map[string]*response{}, urls: map[string]string{}}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		body, err := fs.ReadFile(theme, "static/"+e.Name())
		if err != nil {
			return nil, fmt.Errorf("site: theme asset %s: %w", e.Name(), err)
		}
		contentType := mime.TypeByExtension(path.Ext(e.Name()))
		if contentType == "" {
			contentType = "application/octet-stream"
		}
		sum := sha256.Sum256(body)
		resp := newResponse(http.StatusOK, contentType, body, time.Time{})
		resp.maxAge = "public, max-age=31536000, immutable"
		a.files[e.Name()] = resp
		a.urls[e.Name()] = assetPrefix + hex.EncodeToString(sum[:6]) + "/" + e.Name()
	}
	return a, nil
}

// url is an asset's fingerprinted URL; templates call it as {{asset "x"}}.
func (a *assets) url(name string) (string, error) {
	u, ok := a.urls[name]
	if !ok {
		return "", fmt.Errorf("no asset %q in the theme", name)
	}
	return u, nil
}

// serve answers /_parc/static/HASH/NAME; a stale hash is a 404 so that a
// year-long cache never holds the wrong file.
func (a *assets) serve(w http.ResponseWriter, r *http.Request) bool {
	name := path.Base(r.URL.Path)
	if a.urls[name] != r.URL.Path || strings.Contains(name, "..") {
		return false
	}
	a.files[name].write(w, r)
	return true
}
