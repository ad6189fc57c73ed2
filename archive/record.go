package archive

// Record is one thing a source yields, in the order the source holds it.
// Exactly one field is set. A Site comes before the authors, terms and posts
// that belong to it.
type Record struct {
	Site   *Site
	Author *Author
	Term   *Term
	Post   *Post
}
