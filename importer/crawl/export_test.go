package crawl

// The names of a crawl's lists in the archive, for the tests of package
// crawl_test that set up what a killed crawl leaves behind.
var (
	Job       = job
	ImportJob = importJob
)
