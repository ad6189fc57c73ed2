package locale

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message/catalog"
)

// The keys of the catalog: parc's strings, in English. Each language's
// table gives the ones it translates.
const (
	Responses     = "%d responses to “%s”"
	NoComments    = "No comments"
	Comments      = "%d comments"
	DateAtTime    = "%s at %s"
	ReadOnly      = "Comments are closed: this is a read-only archive."
	CommentsFeed  = "Comments feed"
	Pings         = "Pingbacks and trackbacks"
	ContinueRead  = "Continue reading"
	Older         = "← Older"
	Newer         = "Newer →"
	PageOf        = "Page %d of %d"
	SearchArchive = "Search this archive"
	Search        = "Search"
	ReplyingTo    = "replying to"
	By            = "by"
	In            = "in"
	Tagged        = "Tagged"
	SkipToContent = "Skip to content"
	Protected     = "Protected: %s"
	CommentOnPost = "%s on %s"
	ReadMore      = "Read more"
	NextPost      = "Next"     // the next post, as its link names it
	PreviousPost  = "Previous" // the previous post
	NextPage      = "Next Page"
	ResponseCount = "%d responses"
	ResponsesTo   = "Responses to “%[2]s”" // by the count, which it does not show
	Response      = "Response"
	ResponsesWord = "Responses"
	AvatarOf      = "%s Avatar"
	// The comment form's words, which the comments block keeps for a
	// form that takes nothing.
	LeaveReply     = "Leave a Reply"
	EmailUnshown   = "Your email address will not be published."
	RequiredFields = "Required fields are marked %s"
	FieldComment   = "Comment"
	FieldName      = "Name"
	FieldEmail     = "Email"
	FieldWebsite   = "Website"
	SaveCommenter  = "Save my name, email, and website in this browser for the next time I comment."
	PreviousPage   = "Previous Page"
	NoTitle        = "(no title)"
	InThisSection  = "In this section"
	NothingHere    = "Nothing here."
	Results        = "%d results"
	YearArchive    = "Year: %s"
	MonthArchive   = "Month: %s"
	DayArchive     = "Day: %s"
	Posts          = "%d posts"
	Pages          = "%d pages"
	MoreComments   = "and %d more matching comments"
)

// The keys of the feeds' titles and of the archives they are titled by.
const (
	FeedOf          = "%s %s Feed"             // the site's title and "»", or "» " and a listing's heading
	CommentsFeedOf  = "%s %s Comments Feed"    // the site's title and "»"
	PostFeedOf      = "%s %s %s Comments Feed" // a post's comments: the site's title, "»" and the post's title
	FeedOfListing   = "Feed of %s"
	PostComments    = "Comments on: %s"
	SiteComments    = "Comments for %s"
	FeedCommentBy   = "By: %s"
	FeedCommentOn   = "Comment on %s by %s" // the post's title, the commenter
	CategoryArchive = "Category: %s"
	TagArchive      = "Tag: %s"
	AuthorArchive   = "Author: %s"
)

// The keys of the error pages: a heading, then what it means.
const (
	NotFound         = "Not found"
	NoSuchPage       = "This archive has no page at that address. It may never have existed, or it was not public."
	NoSuchFile       = "There is no such file."
	BadRequest       = "Bad request"
	TryAgain         = "Try again in a moment"
	Unreadable       = "The archive could not be read just now."
	MethodNotAllowed = "Method not allowed"
	ReadOnlyMethods  = "This archive is read-only: it answers GET and HEAD only."
	AddressTooLong   = "Address too long"
	NoLongAddress    = "No page of this archive has an address that long."
	BadAddress       = "Bad address"
	NoSuchAddress    = "That address cannot name a page of this archive."
	TrySearching     = "Perhaps searching will help:"
	GoHome           = "Go to the home page"
	NotShown         = "This page could not be shown." // a template failed
	WentWrong        = "Something went wrong on our side."
)

// The keys of what stands in for a password-protected post's content:
// in a feed (WordPress's own first sentence), on a listing's card and on
// the post's page.
const (
	PasswordProtected = "This content is password protected."
	ProtectedCard     = "This content is password protected; the archive does not show it."
	ProtectedPost     = "This content is password protected. The archive keeps it private and does not show it."
)

// The keys of the search page: its heading, its hits, its facets, and
// what it says of a search it cannot answer.
const (
	SearchResultsFor   = "Search results for “%s”"
	SearchUnavailable  = "Search is not available here: it needs the archive served by %s." // the command
	CommentBy          = "Comment by %s"
	Refine             = "Refine"
	FacetYear          = "Year"
	FacetAuthor        = "Author"
	FacetCategory      = "Category"
	FacetTag           = "Tag"
	QueryNotUnderstood = "That search could not be understood: %s" // the searcher's reason
	SearchTimedOut     = "That search took too long and was stopped: more words or fewer wildcards narrow it."
	QueryTooLong       = "That search is too long: keep it under %d characters."
	PageOutOfRange     = "That page number is out of range."
	SearchBusy         = "The archive is answering as many searches as it can just now: try again in a moment."
)

// The keys of the frame around every page: its footer, what its
// navigation is called for screen readers, a post split into pages, a
// category's subcategories, and the number in a paged list's title.
const (
	ReadOnlyArchive = "%s is a read-only archive" // the site's title
	RSSFeed         = "RSS feed"
	AllSites        = "All archived sites"
	SitePages       = "Pages" // the navigation to the site's pages
	PostsNav        = "Posts" // the previous and next posts
	MorePages       = "More pages"
	PostPages       = "Pages:"
	PostPagesNav    = "Pages of this post"
	ChildPages      = "Pages below this one"
	Subcategories   = "Also:"
	PageNumber      = "Page %d"                  // after a paged list's heading
	MonthsNav       = "Previous and next months" // the calendar's links to other months
)

// Anonymous is the name of a commenter who left none, as WordPress
// shows them.
const Anonymous = "Anonymous"

// The keys of the pages of an archive of several sites that belong to
// none of them: the list of the sites, and the choice an old link that
// several of them had leads to.
const (
	ArchivedSites  = "Archived sites"
	SeveralPages   = "Several pages had this address"
	WhichOne       = "Which one?"
	SeveralMatches = "That old address names a page on more than one of the archived sites."
)

// lang is one language's words and dates.
type lang struct {
	tag      language.Tag
	messages map[string][]catalog.Message
	dates    dates
}

func msg(s string) []catalog.Message { return []catalog.Message{catalog.String(s)} }

// counted is a message whose first argument is a count: one form for
// exactly one, others for the language's other plural classes, in the
// order given (plural.Other last).
func counted(cases ...any) []catalog.Message {
	return []catalog.Message{plural.Selectf(1, "%d", cases...)}
}

// russianCount is a Russian count's forms, for one thing (1, 21), a few
// (2–4, 22) and many (5–20): a fraction, which no count of parc's is,
// would take the few form.
func russianCount(one, few, many string) []catalog.Message {
	return counted(plural.One, one, plural.Few, few, plural.Many, many, plural.Other, few)
}

var (
	englishMonths = [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	englishDays   = [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
)

func short(names [12]string, n int) [12]string {
	var out [12]string
	for i, name := range names {
		r := []rune(name)
		out[i] = string(r[:min(n, len(r))])
	}
	return out
}

// languages are the languages parc shows blogs in, English first: the
// fallback. Their strings follow WordPress's own translations where
// WordPress has the same string.
var languages = []lang{
	{language.English, map[string][]catalog.Message{
		Responses:    counted("=1", "One response to “%[2]s”", plural.Other, "%[1]d responses to “%[2]s”"),
		Comments:     counted("=1", "1 comment", plural.Other, "%d comments"),
		Results:      counted("=1", "1 result", plural.Other, "%d results"),
		Posts:        counted("=1", "1 post", plural.Other, "%d posts"),
		Pages:        counted("=1", "1 page", plural.Other, "%d pages"),
		MoreComments: counted("=1", "and 1 more matching comment", plural.Other, "and %d more matching comments"),

		// The comments block, its comment form and the query loop's pagination.
		ResponseCount: counted("=1", "One response", plural.Other, "%d responses"),
		ResponsesTo:   counted("=1", "Response to “%[2]s”", plural.Other, "Responses to “%[2]s”"),
	}, dates{date: `F j, Y`, time: `g:i a`, month: `F Y`, months: englishMonths, monthsShort: short(englishMonths, 3), weekdays: englishDays}},

	{language.German, map[string][]catalog.Message{
		YearArchive:   msg("Jahr: %s"),
		MonthArchive:  msg("Monat: %s"),
		DayArchive:    msg("Tag: %s"),
		Responses:     counted("=1", "Eine Antwort auf „%[2]s“", plural.Other, "%[1]d Antworten auf „%[2]s“"),
		Comments:      counted("=1", "1 Kommentar", plural.Other, "%d Kommentare"),
		Results:       counted("=1", "1 Ergebnis", plural.Other, "%d Ergebnisse"),
		MoreComments:  counted("=1", "und 1 weiterer passender Kommentar", plural.Other, "und %d weitere passende Kommentare"),
		NoComments:    msg("Keine Kommentare"),
		DateAtTime:    msg("%s um %s"),
		ReadOnly:      msg("Die Kommentare sind geschlossen: Dies ist ein Archiv, das nur gelesen werden kann."),
		CommentsFeed:  msg("RSS-Kommentare"),
		Pings:         msg("Pingbacks und Trackbacks"),
		ContinueRead:  msg("Weiterlesen"),
		Older:         msg("← Ältere"),
		Newer:         msg("Neuere →"),
		PageOf:        msg("Seite %d von %d"),
		SearchArchive: msg("Dieses Archiv durchsuchen"),
		Search:        msg("Suchen"),
		ReplyingTo:    msg("als Antwort auf"),
		By:            msg("von"),
		In:            msg("in"),
		Tagged:        msg("Schlagwörter:"),
		SkipToContent: msg("Zum Inhalt springen"),
		Protected:     msg("Geschützt: %s"),
		CommentOnPost: msg("%s bei %s"),
		ReadMore:      msg("Weiterlesen"),
		NextPost:      msg("Nächster Beitrag"),
		PreviousPost:  msg("Vorheriger Beitrag"),
		NoTitle:       msg("(kein Titel)"),
		InThisSection: msg("In diesem Bereich"),
		NothingHere:   msg("Hier gibt es nichts."),
		Posts:         counted("=1", "1 Beitrag", plural.Other, "%d Beiträge"),
		Pages:         counted("=1", "1 Seite", plural.Other, "%d Seiten"),

		// The feeds, the error pages, the password notices and the search page.
		FeedOf:             msg("%s %s Feed"),
		CommentsFeedOf:     msg("%s %s Kommentar-Feed"),
		PostFeedOf:         msg("%s %s %s Kommentar-Feed"),
		FeedOfListing:      msg("Feed von %s"),
		PostComments:       msg("Kommentare zu: %s"),
		SiteComments:       msg("Kommentare für %s"),
		FeedCommentBy:      msg("Von: %s"),
		FeedCommentOn:      msg("Kommentar zu %[1]s von %[2]s"),
		CategoryArchive:    msg("Kategorie: %s"),
		TagArchive:         msg("Schlagwort: %s"),
		AuthorArchive:      msg("Autor: %s"),
		NotFound:           msg("Nicht gefunden"),
		NoSuchPage:         msg("Dieses Archiv hat keine Seite unter dieser Adresse. Vielleicht gab es sie nie, oder sie war nicht öffentlich."),
		NoSuchFile:         msg("Diese Datei gibt es nicht."),
		BadRequest:         msg("Ungültige Anfrage"),
		TryAgain:           msg("Versuche es gleich noch einmal"),
		Unreadable:         msg("Das Archiv konnte gerade nicht gelesen werden."),
		MethodNotAllowed:   msg("Methode nicht erlaubt"),
		ReadOnlyMethods:    msg("Dieses Archiv kann nur gelesen werden: Es beantwortet nur GET und HEAD."),
		AddressTooLong:     msg("Adresse zu lang"),
		NoLongAddress:      msg("Keine Seite dieses Archivs hat eine so lange Adresse."),
		BadAddress:         msg("Ungültige Adresse"),
		NoSuchAddress:      msg("Diese Adresse kann keine Seite dieses Archivs bezeichnen."),
		TrySearching:       msg("Vielleicht hilft eine Suche:"),
		GoHome:             msg("Zur Startseite"),
		NotShown:           msg("Diese Seite konnte nicht angezeigt werden."),
		WentWrong:          msg("Bei uns ist etwas schiefgegangen."),
		PasswordProtected:  msg("Dieser Inhalt ist passwortgeschützt."),
		ProtectedCard:      msg("Dieser Inhalt ist passwortgeschützt; das Archiv zeigt ihn nicht."),
		ProtectedPost:      msg("Dieser Inhalt ist passwortgeschützt. Das Archiv hält ihn privat und zeigt ihn nicht."),
		SearchResultsFor:   msg("Such-Ergebnisse für “%s”"),
		SearchUnavailable:  msg("Die Suche ist hier nicht verfügbar: Dafür muss das Archiv mit %s bereitgestellt werden."),
		CommentBy:          msg("Kommentar von %s"),
		Anonymous:          msg("Anonymous"),
		Refine:             msg("Eingrenzen"),
		FacetYear:          msg("Jahr"),
		FacetAuthor:        msg("Autor"),
		FacetCategory:      msg("Kategorie"),
		FacetTag:           msg("Schlagwort"),
		QueryNotUnderstood: msg("Diese Suche konnte nicht verstanden werden: %s"),
		SearchTimedOut:     msg("Diese Suche hat zu lange gedauert und wurde abgebrochen: Mehr Wörter oder weniger Platzhalter grenzen sie ein."),
		QueryTooLong:       msg("Diese Suche ist zu lang: Sie muss kürzer als %d Zeichen sein."),
		PageOutOfRange:     msg("Diese Seitenzahl liegt außerhalb des Bereichs."),
		SearchBusy:         msg("Das Archiv beantwortet gerade so viele Suchen, wie es kann: Versuche es gleich noch einmal."),

		// The frame: footer, navigation, a post's pages, subcategories, a list's page number.
		ReadOnlyArchive: msg("%s ist ein Archiv, das nur gelesen werden kann"),
		RSSFeed:         msg("RSS-Feed"),
		AllSites:        msg("Alle archivierten Websites"),
		SitePages:       msg("Seiten"),
		PostsNav:        msg("Beiträge"),
		MorePages:       msg("Weitere Seiten"),
		PostPages:       msg("Seiten:"),
		PostPagesNav:    msg("Seiten dieses Beitrags"),
		ChildPages:      msg("Unterseiten"),
		Subcategories:   msg("Siehe auch:"),
		PageNumber:      msg("Seite %d"),
		MonthsNav:       msg("Vorherige und nächste Monate"),

		// The pages of several sites: their list, and an old link several had.
		ArchivedSites:  msg("Archivierte Websites"),
		SeveralPages:   msg("Mehrere Seiten hatten diese Adresse"),
		WhichOne:       msg("Welche davon?"),
		SeveralMatches: msg("Diese alte Adresse bezeichnet eine Seite auf mehr als einer der archivierten Websites."),

		// The comments block, its comment form and the query loop's pagination.
		NextPage:       msg("Nächste Seite"),
		PreviousPage:   msg("Vorherige Seite"),
		ResponseCount:  counted("=1", "Eine Antwort", plural.Other, "%d Antworten"),
		ResponsesTo:    counted("=1", "Antwort auf „%[2]s“", plural.Other, "Antworten auf „%[2]s“"),
		Response:       msg("Antwort"),
		ResponsesWord:  msg("Antworten"),
		AvatarOf:       msg("Avatar von %s"),
		LeaveReply:     msg("Schreibe einen Kommentar"),
		EmailUnshown:   msg("Deine E-Mail-Adresse wird nicht veröffentlicht."),
		RequiredFields: msg("Erforderliche Felder sind mit %s markiert"),
		FieldComment:   msg("Kommentar"),
		FieldName:      msg("Name"),
		FieldEmail:     msg("E-Mail"),
		FieldWebsite:   msg("Website"),
		SaveCommenter:  msg("Meinen Namen, meine E-Mail-Adresse und meine Website in diesem Browser für die nächste Kommentierung speichern."),
	}, dates{date: `j. F Y`, time: `G:i`, month: `F Y`,
		months:      [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		monthsShort: [12]string{"Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"},
		weekdays:    [7]string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"}}},

	{language.French, map[string][]catalog.Message{
		YearArchive:   msg("Année : %s"),
		MonthArchive:  msg("Mois : %s"),
		DayArchive:    msg("Jour : %s"),
		Responses:     counted("=1", "Une réponse à « %[2]s »", plural.Other, "%[1]d réponses à « %[2]s »"),
		Comments:      counted("=1", "Un commentaire", plural.Other, "%d commentaires"),
		Results:       counted("=1", "1 résultat", plural.Other, "%d résultats"),
		NoComments:    msg("Pas de commentaire"),
		DateAtTime:    msg("%s à %s"),
		ReadOnly:      msg("Les commentaires sont fermés : ceci est une archive en lecture seule."),
		CommentsFeed:  msg("Flux des commentaires"),
		Pings:         msg("Pings et rétroliens"),
		ContinueRead:  msg("Lire la suite"),
		Older:         msg("← Plus anciens"),
		Newer:         msg("Plus récents →"),
		PageOf:        msg("Page %d sur %d"),
		SearchArchive: msg("Rechercher dans cette archive"),
		Search:        msg("Rechercher"),
		ReplyingTo:    msg("en réponse à"),
		By:            msg("par"),
		In:            msg("dans"),
		Tagged:        msg("Étiquettes :"),
		SkipToContent: msg("Aller au contenu"),
		Protected:     msg("Protégé : %s"),
		CommentOnPost: msg("%s dans %s"),
		ReadMore:      msg("Lire la suite"),
		NextPost:      msg("Article suivant"),
		PreviousPost:  msg("Article précédent"),
		NoTitle:       msg("(pas de titre)"),
		Posts:         counted("=1", "1 article", plural.Other, "%d articles"),
		Pages:         counted("=1", "1 page", plural.Other, "%d pages"),
		MoreComments:  counted("=1", "et 1 autre commentaire correspondant", plural.Other, "et %d autres commentaires correspondants"),
		InThisSection: msg("Dans cette section"),
		NothingHere:   msg("Rien ici."),

		// The feeds, the error pages, the password notices and the search page.
		FeedOf:             msg("%s %s Flux"),
		CommentsFeedOf:     msg("%s %s Flux des commentaires"),
		PostFeedOf:         msg("%s %s %s Flux des commentaires"),
		FeedOfListing:      msg("Flux de %s"),
		PostComments:       msg("Commentaires sur : %s"),
		SiteComments:       msg("Commentaires pour %s"),
		FeedCommentBy:      msg("Par : %s"),
		FeedCommentOn:      msg("Commentaires sur %[1]s par %[2]s"),
		CategoryArchive:    msg("Catégorie : %s"),
		TagArchive:         msg("Étiquette : %s"),
		AuthorArchive:      msg("Auteur : %s"),
		NotFound:           msg("Introuvable"),
		NoSuchPage:         msg("Cette archive n’a aucune page à cette adresse. Elle n’a peut-être jamais existé, ou elle n’était pas publique."),
		NoSuchFile:         msg("Ce fichier n’existe pas."),
		BadRequest:         msg("Requête incorrecte"),
		TryAgain:           msg("Réessayez dans un instant"),
		Unreadable:         msg("L’archive n’a pas pu être lue pour le moment."),
		MethodNotAllowed:   msg("Méthode non autorisée"),
		ReadOnlyMethods:    msg("Cette archive est en lecture seule : elle ne répond qu’à GET et HEAD."),
		AddressTooLong:     msg("Adresse trop longue"),
		NoLongAddress:      msg("Aucune page de cette archive n’a une adresse aussi longue."),
		BadAddress:         msg("Adresse incorrecte"),
		NoSuchAddress:      msg("Cette adresse ne peut désigner aucune page de cette archive."),
		TrySearching:       msg("Une recherche vous aidera peut-être :"),
		GoHome:             msg("Aller à la page d’accueil"),
		NotShown:           msg("Cette page n’a pas pu être affichée."),
		WentWrong:          msg("Un problème est survenu de notre côté."),
		PasswordProtected:  msg("Ce contenu est protégé par un mot de passe."),
		ProtectedCard:      msg("Ce contenu est protégé par un mot de passe ; l’archive ne l’affiche pas."),
		ProtectedPost:      msg("Ce contenu est protégé par un mot de passe. L’archive le garde privé et ne l’affiche pas."),
		SearchResultsFor:   msg("Résultats de recherche pour « %s »"),
		SearchUnavailable:  msg("La recherche n’est pas disponible ici : elle nécessite que l’archive soit servie par %s."),
		CommentBy:          msg("Commentaire de %s"),
		Anonymous:          msg("Anonyme"),
		Refine:             msg("Affiner"),
		FacetYear:          msg("Année"),
		FacetAuthor:        msg("Auteur"),
		FacetCategory:      msg("Catégorie"),
		FacetTag:           msg("Mot-clé"),
		QueryNotUnderstood: msg("Cette recherche n’a pas pu être comprise : %s"),
		SearchTimedOut:     msg("Cette recherche a pris trop de temps et a été interrompue : plus de mots ou moins de jokers la restreignent."),
		QueryTooLong:       msg("Cette recherche est trop longue : elle doit faire moins de %d caractères."),
		PageOutOfRange:     msg("Ce numéro de page est hors limites."),
		SearchBusy:         msg("L’archive répond en ce moment à autant de recherches qu’elle le peut : réessayez dans un instant."),

		// The frame: footer, navigation, a post's pages, subcategories, a list's page number.
		ReadOnlyArchive: msg("%s est une archive en lecture seule"),
		RSSFeed:         msg("Flux RSS"),
		AllSites:        msg("Tous les sites archivés"),
		SitePages:       msg("Pages"),
		PostsNav:        msg("Articles"),
		MorePages:       msg("Autres pages"),
		PostPages:       msg("Pages :"),
		PostPagesNav:    msg("Pages de cet article"),
		ChildPages:      msg("Sous-pages"),
		Subcategories:   msg("Voir aussi :"),
		PageNumber:      msg("Page %d"),
		MonthsNav:       msg("Mois précédents et suivants"),

		// The pages of several sites: their list, and an old link several had.
		ArchivedSites:  msg("Sites archivés"),
		SeveralPages:   msg("Plusieurs pages avaient cette adresse"),
		WhichOne:       msg("Laquelle ?"),
		SeveralMatches: msg("Cette ancienne adresse désigne une page sur plusieurs des sites archivés."),

		// The comments block, its comment form and the query loop's pagination.
		NextPage:       msg("Page suivante"),
		PreviousPage:   msg("Page précédente"),
		ResponseCount:  counted("=1", "Une réponse", plural.Other, "%d réponses"),
		ResponsesTo:    counted("=1", "Réponse à « %[2]s »", plural.Other, "Réponses à « %[2]s »"),
		Response:       msg("Réponse"),
		ResponsesWord:  msg("Réponses"),
		AvatarOf:       msg("Avatar de %s"),
		LeaveReply:     msg("Laisser un commentaire"),
		EmailUnshown:   msg("Votre adresse e-mail ne sera pas publiée."),
		RequiredFields: msg("Les champs obligatoires sont indiqués avec %s"),
		FieldComment:   msg("Commentaire"),
		FieldName:      msg("Nom"),
		FieldEmail:     msg("E-mail"),
		FieldWebsite:   msg("Site web"),
		SaveCommenter:  msg("Enregistrer mon nom, mon e-mail et mon site dans le navigateur pour mon prochain commentaire."),
	}, dates{date: `j F Y`, time: `G\hi`, month: `F Y`,
		months:      [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		monthsShort: [12]string{"Jan", "Fév", "Mar", "Avr", "Mai", "Juin", "Juil", "Août", "Sep", "Oct", "Nov", "Déc"},
		weekdays:    [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}}},

	{language.Spanish, map[string][]catalog.Message{
		YearArchive:   msg("Año: %s"),
		MonthArchive:  msg("Mes: %s"),
		DayArchive:    msg("Día: %s"),
		Responses:     counted("=1", "Una respuesta a «%[2]s»", plural.Other, "%[1]d respuestas a «%[2]s»"),
		Comments:      counted("=1", "1 comentario", plural.Other, "%d comentarios"),
		NoComments:    msg("No hay comentarios"),
		DateAtTime:    msg("%s a las %s"),
		ReadOnly:      msg("Los comentarios están cerrados: este es un archivo de solo lectura."),
		CommentsFeed:  msg("Feed de comentarios"),
		Pings:         msg("Pingbacks y trackbacks"),
		ContinueRead:  msg("Seguir leyendo"),
		Older:         msg("← Anteriores"),
		Newer:         msg("Siguientes →"),
		PageOf:        msg("Página %d de %d"),
		SearchArchive: msg("Buscar en este archivo"),
		Search:        msg("Buscar"),
		ReplyingTo:    msg("en respuesta a"),
		By:            msg("por"),
		In:            msg("en"),
		Tagged:        msg("Etiquetas:"),
		SkipToContent: msg("Saltar al contenido"),
		Protected:     msg("Protegido: %s"),
		CommentOnPost: msg("%s en %s"),
		ReadMore:      msg("Leer más"),
		NextPost:      msg("Siguiente"),
		PreviousPost:  msg("Anterior"),
		NoTitle:       msg("(sin título)"),
		Posts:         counted("=1", "1 entrada", plural.Other, "%d entradas"),
		Pages:         counted("=1", "1 página", plural.Other, "%d páginas"),
		Results:       counted("=1", "1 resultado", plural.Other, "%d resultados"),
		MoreComments:  counted("=1", "y 1 comentario coincidente más", plural.Other, "y %d comentarios coincidentes más"),
		InThisSection: msg("En esta sección"),
		NothingHere:   msg("Aquí no hay nada."),

		// The feeds, the error pages, the password notices and the search page.
		FeedOf:             msg("%s %s Feed"),
		CommentsFeedOf:     msg("%s %s RSS de los comentarios"),
		PostFeedOf:         msg("%s %s %s RSS de los comentarios"),
		FeedOfListing:      msg("Feed de %s"),
		PostComments:       msg("Comentarios en: %s"),
		SiteComments:       msg("Comentarios para %s"),
		FeedCommentBy:      msg("Por: %s"),
		FeedCommentOn:      msg("Comentario en %[1]s por %[2]s"),
		CategoryArchive:    msg("Categoría: %s"),
		TagArchive:         msg("Etiqueta: %s"),
		AuthorArchive:      msg("Autor: %s"),
		NotFound:           msg("No encontrado"),
		NoSuchPage:         msg("Este archivo no tiene ninguna página en esa dirección. Puede que nunca haya existido o que no fuera pública."),
		NoSuchFile:         msg("Ese archivo no existe."),
		BadRequest:         msg("Solicitud incorrecta"),
		TryAgain:           msg("Inténtalo de nuevo en un momento"),
		Unreadable:         msg("No se ha podido leer el archivo en este momento."),
		MethodNotAllowed:   msg("Método no permitido"),
		ReadOnlyMethods:    msg("Este archivo es de solo lectura: solo responde a GET y HEAD."),
		AddressTooLong:     msg("Dirección demasiado larga"),
		NoLongAddress:      msg("Ninguna página de este archivo tiene una dirección tan larga."),
		BadAddress:         msg("Dirección incorrecta"),
		NoSuchAddress:      msg("Esa dirección no puede corresponder a ninguna página de este archivo."),
		TrySearching:       msg("Quizá una búsqueda te ayude:"),
		GoHome:             msg("Ir a la página de inicio"),
		NotShown:           msg("No se ha podido mostrar esta página."),
		WentWrong:          msg("Algo ha fallado por nuestra parte."),
		PasswordProtected:  msg("Este contenido está protegido por contraseña."),
		ProtectedCard:      msg("Este contenido está protegido por contraseña; el archivo no lo muestra."),
		ProtectedPost:      msg("Este contenido está protegido por contraseña. El archivo lo mantiene privado y no lo muestra."),
		SearchResultsFor:   msg("Resultados de búsqueda para “%s”"),
		SearchUnavailable:  msg("La búsqueda no está disponible aquí: necesita que el archivo se sirva con %s."),
		CommentBy:          msg("Comentario de %s"),
		Anonymous:          msg("Anónimo"),
		Refine:             msg("Refinar"),
		FacetYear:          msg("Año"),
		FacetAuthor:        msg("Autor"),
		FacetCategory:      msg("Categoría"),
		FacetTag:           msg("Etiqueta"),
		QueryNotUnderstood: msg("No se ha podido entender esa búsqueda: %s"),
		SearchTimedOut:     msg("Esa búsqueda tardó demasiado y se detuvo: más palabras o menos comodines la acotan."),
		QueryTooLong:       msg("Esa búsqueda es demasiado larga: debe tener menos de %d caracteres."),
		PageOutOfRange:     msg("Ese número de página está fuera de rango."),
		SearchBusy:         msg("El archivo está respondiendo ahora a todas las búsquedas que puede: inténtalo de nuevo en un momento."),

		// The frame: footer, navigation, a post's pages, subcategories, a list's page number.
		ReadOnlyArchive: msg("%s es un archivo de solo lectura"),
		RSSFeed:         msg("Feed RSS"),
		AllSites:        msg("Todos los sitios archivados"),
		SitePages:       msg("Páginas"),
		PostsNav:        msg("Entradas"),
		MorePages:       msg("Más páginas"),
		PostPages:       msg("Páginas:"),
		PostPagesNav:    msg("Páginas de esta entrada"),
		ChildPages:      msg("Subpáginas"),
		Subcategories:   msg("Ver también:"),
		PageNumber:      msg("Página %d"),
		MonthsNav:       msg("Meses anteriores y siguientes"),

		// The pages of several sites: their list, and an old link several had.
		ArchivedSites:  msg("Sitios archivados"),
		SeveralPages:   msg("Varias páginas tenían esta dirección"),
		WhichOne:       msg("¿Cuál?"),
		SeveralMatches: msg("Esa dirección antigua corresponde a una página en más de uno de los sitios archivados."),

		// The comments block, its comment form and the query loop's pagination.
		NextPage:       msg("Página siguiente"),
		PreviousPage:   msg("Página anterior"),
		ResponseCount:  counted("=1", "Una respuesta", plural.Other, "%d respuestas"),
		ResponsesTo:    counted("=1", "Respuesta a «%[2]s»", plural.Other, "Respuestas a «%[2]s»"),
		Response:       msg("Respuesta"),
		ResponsesWord:  msg("Respuestas"),
		AvatarOf:       msg("Avatar de %s"),
		LeaveReply:     msg("Deja una respuesta"),
		EmailUnshown:   msg("Tu dirección de correo electrónico no será publicada."),
		RequiredFields: msg("Los campos obligatorios están marcados con %s"),
		FieldComment:   msg("Comentario"),
		FieldName:      msg("Nombre"),
		FieldEmail:     msg("Correo electrónico"),
		FieldWebsite:   msg("Web"),
		SaveCommenter:  msg("Guarda mi nombre, correo electrónico y web en este navegador para la próxima vez que comente."),
	}, dates{date: `j \d\e F \d\e Y`, time: `H:i`, month: `F \d\e Y`,
		months:      [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		monthsShort: [12]string{"Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Sep", "Oct", "Nov", "Dic"},
		weekdays:    [7]string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"}}},

	{language.Italian, map[string][]catalog.Message{
		YearArchive:   msg("Anno: %s"),
		MonthArchive:  msg("Mese: %s"),
		DayArchive:    msg("Giorno: %s"),
		Responses:     counted("=1", "Una risposta a “%[2]s”", plural.Other, "%[1]d risposte a “%[2]s”"),
		Comments:      counted("=1", "1 commento", plural.Other, "%d commenti"),
		NoComments:    msg("Nessun commento"),
		DateAtTime:    msg("%s alle %s"),
		ReadOnly:      msg("I commenti sono chiusi: questo è un archivio di sola lettura."),
		CommentsFeed:  msg("Feed dei commenti"),
		ContinueRead:  msg("Continua a leggere"),
		Older:         msg("← Meno recenti"),
		Newer:         msg("Più recenti →"),
		PageOf:        msg("Pagina %d di %d"),
		SearchArchive: msg("Cerca in questo archivio"),
		Search:        msg("Cerca"),
		ReplyingTo:    msg("in risposta a"),
		By:            msg("di"),
		In:            msg("in"),
		Tagged:        msg("Tag:"),
		SkipToContent: msg("Vai al contenuto"),
		Protected:     msg("Protetto: %s"),
		CommentOnPost: msg("%s su %s"),
		ReadMore:      msg("Leggi tutto"),
		NextPost:      msg("Successivo"),
		PreviousPost:  msg("Precedente"),
		NoTitle:       msg("(senza titolo)"),
		Posts:         counted("=1", "1 articolo", plural.Other, "%d articoli"),
		Pages:         counted("=1", "1 pagina", plural.Other, "%d pagine"),
		Results:       counted("=1", "1 risultato", plural.Other, "%d risultati"),
		MoreComments:  counted("=1", "e 1 altro commento corrispondente", plural.Other, "e altri %d commenti corrispondenti"),
		Pings:         msg("Pingback e trackback"),
		InThisSection: msg("In questa sezione"),
		NothingHere:   msg("Qui non c’è niente."),

		// The feeds, the error pages, the password notices and the search page.
		FeedOf:             msg("%s %s Feed"),
		CommentsFeedOf:     msg("%s %s Feed dei commenti"),
		PostFeedOf:         msg("%s %s %s Feed dei commenti"),
		FeedOfListing:      msg("Feed di %s"),
		PostComments:       msg("Commenti a: %s"),
		SiteComments:       msg("Commenti per %s"),
		FeedCommentBy:      msg("Di: %s"),
		FeedCommentOn:      msg("Commenti su %[1]s di %[2]s"),
		CategoryArchive:    msg("Categoria: %s"),
		TagArchive:         msg("Tag: %s"),
		AuthorArchive:      msg("Autore: %s"),
		NotFound:           msg("Non trovato"),
		NoSuchPage:         msg("Questo archivio non ha nessuna pagina a questo indirizzo. Forse non è mai esistita, o non era pubblica."),
		NoSuchFile:         msg("Questo file non esiste."),
		BadRequest:         msg("Richiesta non valida"),
		TryAgain:           msg("Riprova tra un momento"),
		Unreadable:         msg("Non è stato possibile leggere l’archivio in questo momento."),
		MethodNotAllowed:   msg("Metodo non consentito"),
		ReadOnlyMethods:    msg("Questo archivio è di sola lettura: risponde solo a GET e HEAD."),
		AddressTooLong:     msg("Indirizzo troppo lungo"),
		NoLongAddress:      msg("Nessuna pagina di questo archivio ha un indirizzo così lungo."),
		BadAddress:         msg("Indirizzo non valido"),
		NoSuchAddress:      msg("Questo indirizzo non può indicare una pagina di questo archivio."),
		TrySearching:       msg("Forse una ricerca può aiutare:"),
		GoHome:             msg("Vai alla home page"),
		NotShown:           msg("Non è stato possibile mostrare questa pagina."),
		WentWrong:          msg("Qualcosa è andato storto da parte nostra."),
		PasswordProtected:  msg("Questo contenuto è protetto da password."),
		ProtectedCard:      msg("Questo contenuto è protetto da password; l’archivio non lo mostra."),
		ProtectedPost:      msg("Questo contenuto è protetto da password. L’archivio lo mantiene privato e non lo mostra."),
		SearchResultsFor:   msg("Risultati della ricerca per “%s”"),
		SearchUnavailable:  msg("La ricerca non è disponibile qui: richiede che l’archivio sia servito da %s."),
		CommentBy:          msg("Commento di %s"),
		Anonymous:          msg("Anonimo"),
		Refine:             msg("Affina"),
		FacetYear:          msg("Anno"),
		FacetAuthor:        msg("Autore"),
		FacetCategory:      msg("Categoria"),
		FacetTag:           msg("Tag"),
		QueryNotUnderstood: msg("Questa ricerca non è stata compresa: %s"),
		SearchTimedOut:     msg("Questa ricerca ha richiesto troppo tempo ed è stata interrotta: più parole o meno caratteri jolly la restringono."),
		QueryTooLong:       msg("Questa ricerca è troppo lunga: deve avere meno di %d caratteri."),
		PageOutOfRange:     msg("Questo numero di pagina è fuori intervallo."),
		SearchBusy:         msg("L’archivio sta rispondendo a tutte le ricerche che può in questo momento: riprova tra un momento."),

		// The frame: footer, navigation, a post's pages, subcategories, a list's page number.
		ReadOnlyArchive: msg("%s è un archivio di sola lettura"),
		RSSFeed:         msg("Feed RSS"),
		AllSites:        msg("Tutti i siti archiviati"),
		SitePages:       msg("Pagine"),
		PostsNav:        msg("Articoli"),
		MorePages:       msg("Altre pagine"),
		PostPages:       msg("Pagine:"),
		PostPagesNav:    msg("Pagine di questo articolo"),
		ChildPages:      msg("Sottopagine"),
		Subcategories:   msg("Vedi anche:"),
		PageNumber:      msg("Pagina %d"),
		MonthsNav:       msg("Mesi precedenti e successivi"),

		// The pages of several sites: their list, and an old link several had.
		ArchivedSites:  msg("Siti archiviati"),
		SeveralPages:   msg("Più pagine avevano questo indirizzo"),
		WhichOne:       msg("Quale?"),
		SeveralMatches: msg("Questo vecchio indirizzo indica una pagina su più di uno dei siti archiviati."),

		// The comments block, its comment form and the query loop's pagination.
		NextPage:       msg("Pagina successiva"),
		PreviousPage:   msg("Pagina precedente"),
		ResponseCount:  counted("=1", "Una risposta", plural.Other, "%d risposte"),
		ResponsesTo:    counted("=1", "Risposta a “%[2]s”", plural.Other, "Risposte a “%[2]s”"),
		Response:       msg("Risposta"),
		ResponsesWord:  msg("Risposte"),
		AvatarOf:       msg("Avatar di %s"),
		LeaveReply:     msg("Lascia un commento"),
		EmailUnshown:   msg("Il tuo indirizzo email non sarà pubblicato."),
		RequiredFields: msg("I campi obbligatori sono contrassegnati %s"),
		FieldComment:   msg("Commento"),
		FieldName:      msg("Nome"),
		FieldEmail:     msg("Email"),
		FieldWebsite:   msg("Sito web"),
		SaveCommenter:  msg("Salva il mio nome, email e sito web in questo browser per la prossima volta che commento."),
	}, dates{date: `j F Y`, time: `H:i`, month: `F Y`,
		months:      [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		monthsShort: [12]string{"Gen", "Feb", "Mar", "Apr", "Mag", "Giu", "Lug", "Ago", "Set", "Ott", "Nov", "Dic"},
		weekdays:    [7]string{"domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"}}},

	{language.Portuguese, map[string][]catalog.Message{
		YearArchive:   msg("Ano: %s"),
		MonthArchive:  msg("Mês: %s"),
		DayArchive:    msg("Dia: %s"),
		Responses:     counted("=1", "Uma resposta para “%[2]s”", plural.Other, "%[1]d respostas para “%[2]s”"),
		Comments:      counted("=1", "1 comentário", plural.Other, "%d comentários"),
		NoComments:    msg("Nenhum comentário"),
		DateAtTime:    msg("%s às %s"),
		ReadOnly:      msg("Os comentários estão fechados: este é um arquivo somente para leitura."),
		CommentsFeed:  msg("Feed de comentários"),
		ContinueRead:  msg("Continuar lendo"),
		Older:         msg("← Mais antigos"),
		Newer:         msg("Mais recentes →"),
		PageOf:        msg("Página %d de %d"),
		SearchArchive: msg("Pesquisar neste arquivo"),
		Search:        msg("Pesquisar"),
		ReplyingTo:    msg("em resposta a"),
		By:            msg("por"),
		In:            msg("em"),
		Tagged:        msg("Tags:"),
		SkipToContent: msg("Pular para o conteúdo"),
		Protected:     msg("Protegido: %s"),
		CommentOnPost: msg("%s em %s"),
		ReadMore:      msg("Leia mais"),
		NextPost:      msg("Próximo"),
		PreviousPost:  msg("Anterior"),
		NoTitle:       msg("(sem título)"),
		Posts:         counted("=1", "1 post", plural.Other, "%d posts"),
		Pages:         counted("=1", "1 página", plural.Other, "%d páginas"),
		Results:       counted("=1", "1 resultado", plural.Other, "%d resultados"),
		MoreComments:  counted("=1", "e mais 1 comentário correspondente", plural.Other, "e mais %d comentários correspondentes"),
		Pings:         msg("Pingbacks e trackbacks"),
		InThisSection: msg("Nesta seção"),
		NothingHere:   msg("Nada aqui."),

		// The feeds, the error pages, the password notices and the search page.
		FeedOf:             msg("Feed de %s %s"),
		CommentsFeedOf:     msg("%s %s Feed de comentários"),
		PostFeedOf:         msg("%s %s %s Feed de comentários"),
		FeedOfListing:      msg("Feed de %s"),
		PostComments:       msg("Comentários sobre: %s"),
		SiteComments:       msg("Comentários sobre %s"),
		FeedCommentBy:      msg("Por: %s"),
		FeedCommentOn:      msg("Comentário sobre %[1]s por %[2]s"),
		CategoryArchive:    msg("Categoria: %s"),
		TagArchive:         msg("Tag: %s"),
		AuthorArchive:      msg("Autor: %s"),
		NotFound:           msg("Não encontrado"),
		NoSuchPage:         msg("Este arquivo não tem nenhuma página nesse endereço. Talvez ela nunca tenha existido, ou não era pública."),
		NoSuchFile:         msg("Esse arquivo não existe."),
		BadRequest:         msg("Requisição inválida"),
		TryAgain:           msg("Tente novamente em instantes"),
		Unreadable:         msg("Não foi possível ler o arquivo agora."),
		MethodNotAllowed:   msg("Método não permitido"),
		ReadOnlyMethods:    msg("Este arquivo é somente para leitura: responde apenas a GET e HEAD."),
		AddressTooLong:     msg("Endereço longo demais"),
		NoLongAddress:      msg("Nenhuma página deste arquivo tem um endereço tão longo."),
		BadAddress:         msg("Endereço inválido"),
		NoSuchAddress:      msg("Esse endereço não pode indicar uma página deste arquivo."),
		TrySearching:       msg("Talvez uma pesquisa ajude:"),
		GoHome:             msg("Ir para a página inicial"),
		NotShown:           msg("Não foi possível mostrar esta página."),
		WentWrong:          msg("Algo deu errado do nosso lado."),
		PasswordProtected:  msg("Este conteúdo está protegido por senha."),
		ProtectedCard:      msg("Este conteúdo está protegido por senha; o arquivo não o mostra."),
		ProtectedPost:      msg("Este conteúdo está protegido por senha. O arquivo o mantém privado e não o mostra."),
		SearchResultsFor:   msg("Pesquisar resultados para “%s”"),
		SearchUnavailable:  msg("A pesquisa não está disponível aqui: ela precisa do arquivo servido por %s."),
		CommentBy:          msg("Comentário de %s"),
		Anonymous:          msg("Anônimo"),
		Refine:             msg("Refinar"),
		FacetYear:          msg("Ano"),
		FacetAuthor:        msg("Autor"),
		FacetCategory:      msg("Categoria"),
		FacetTag:           msg("Tag"),
		QueryNotUnderstood: msg("Não foi possível entender essa pesquisa: %s"),
		SearchTimedOut:     msg("Essa pesquisa demorou demais e foi interrompida: mais palavras ou menos curingas a restringem."),
		QueryTooLong:       msg("Essa pesquisa é longa demais: ela deve ter menos de %d caracteres."),
		PageOutOfRange:     msg("Esse número de página está fora do intervalo."),
		SearchBusy:         msg("O arquivo está respondendo a quantas pesquisas consegue agora: tente novamente em instantes."),

		// The frame: footer, navigation, a post's pages, subcategories, a list's page number.
		ReadOnlyArchive: msg("%s é um arquivo somente para leitura"),
		RSSFeed:         msg("Feed RSS"),
		AllSites:        msg("Todos os sites arquivados"),
		SitePages:       msg("Páginas"),
		PostsNav:        msg("Posts"),
		MorePages:       msg("Mais páginas"),
		PostPages:       msg("Páginas:"),
		PostPagesNav:    msg("Páginas deste post"),
		ChildPages:      msg("Subpáginas"),
		Subcategories:   msg("Veja também:"),
		PageNumber:      msg("Página %d"),
		MonthsNav:       msg("Meses anteriores e seguintes"),

		// The pages of several sites: their list, and an old link several had.
		ArchivedSites:  msg("Sites arquivados"),
		SeveralPages:   msg("Várias páginas tinham este endereço"),
		WhichOne:       msg("Qual?"),
		SeveralMatches: msg("Esse endereço antigo indica uma página em mais de um dos sites arquivados."),

		// The comments block, its comment form and the query loop's pagination.
		NextPage:       msg("Próxima página"),
		PreviousPage:   msg("Página anterior"),
		ResponseCount:  counted("=1", "Uma resposta", plural.Other, "%d respostas"),
		ResponsesTo:    counted("=1", "Resposta para “%[2]s”", plural.Other, "Respostas para “%[2]s”"),
		Response:       msg("Resposta"),
		ResponsesWord:  msg("Respostas"),
		AvatarOf:       msg("Avatar de %s"),
		LeaveReply:     msg("Deixe um comentário"),
		EmailUnshown:   msg("O seu endereço de email não será publicado."),
		RequiredFields: msg("Campos obrigatórios são marcados com %s"),
		FieldComment:   msg("Comentário"),
		FieldName:      msg("Nome"),
		FieldEmail:     msg("E-mail"),
		FieldWebsite:   msg("Site"),
		SaveCommenter:  msg("Salvar meus dados neste navegador para a próxima vez que eu comentar."),
	}, dates{date: `j \d\e F \d\e Y`, time: `H:i`, month: `F \d\e Y`,
		months:      [12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		monthsShort: [12]string{"jan", "fev", "mar", "abr", "maio", "jun", "jul", "ago", "set", "out", "nov", "dez"},
		weekdays:    [7]string{"domingo", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado"}}},

	{language.Dutch, map[string][]catalog.Message{
		YearArchive:   msg("Jaar: %s"),
		MonthArchive:  msg("Maand: %s"),
		DayArchive:    msg("Dag: %s"),
		Responses:     counted("=1", "Eén reactie op “%[2]s”", plural.Other, "%[1]d reacties op “%[2]s”"),
		Comments:      counted("=1", "1 reactie", plural.Other, "%d reacties"),
		NoComments:    msg("Geen reacties"),
		DateAtTime:    msg("%s om %s"),
		ReadOnly:      msg("Reageren is gesloten: dit is een archief om te lezen."),
		CommentsFeed:  msg("Reactiefeed"),
		ContinueRead:  msg("Lees verder"),
		Older:         msg("← Oudere"),
		Newer:         msg("Nieuwere →"),
		PageOf:        msg("Pagina %d van %d"),
		SearchArchive: msg("Doorzoek dit archief"),
		Search:        msg("Zoeken"),
		ReplyingTo:    msg("als antwoord op"),
		By:            msg("door"),
		In:            msg("in"),
		Tagged:        msg("Tags:"),
		SkipToContent: msg("Ga naar de inhoud"),
		Protected:     msg("Beveiligd: %s"),
		CommentOnPost: msg("%s op %s"),
		ReadMore:      msg("Lees meer"),
		NextPost:      msg("Volgende"),
		PreviousPost:  msg("Vorige"),
		NoTitle:       msg("(geen titel)"),
		Posts:         counted("=1", "1 bericht", plural.Other, "%d berichten"),
		Pages:         counted("=1", "1 pagina", plural.Other, "%d pagina's"),
		Results:       counted("=1", "1 resultaat", plural.Other, "%d resultaten"),
		MoreComments:  counted("=1", "en nog 1 overeenkomende reactie", plural.Other, "en nog %d overeenkomende reacties"),
		Pings:         msg("Pingbacks en trackbacks"),
		InThisSection: msg("In deze sectie"),
		NothingHere:   msg("Hier is niets."),

		// The feeds, the error pages, the password notices and the search page.
		FeedOf:             msg("%s %s Feed"),
		CommentsFeedOf:     msg("%s %s reacties feed"),
		PostFeedOf:         msg("%s %s %s Reacties feed"),
		FeedOfListing:      msg("Feed van %s"),
		PostComments:       msg("Reacties op: %s"),
		SiteComments:       msg("Reacties voor %s"),
		FeedCommentBy:      msg("Door: %s"),
		FeedCommentOn:      msg("Reactie op %[1]s door %[2]s"),
		CategoryArchive:    msg("Categorie: %s"),
		TagArchive:         msg("Tag: %s"),
		AuthorArchive:      msg("Auteur: %s"),
		NotFound:           msg("Niet gevonden"),
		NoSuchPage:         msg("Dit archief heeft geen pagina op dat adres. Misschien heeft die nooit bestaan, of was die niet openbaar."),
		NoSuchFile:         msg("Dat bestand bestaat niet."),
		BadRequest:         msg("Ongeldig verzoek"),
		TryAgain:           msg("Probeer het zo opnieuw"),
		Unreadable:         msg("Het archief kon op dit moment niet worden gelezen."),
		MethodNotAllowed:   msg("Methode niet toegestaan"),
		ReadOnlyMethods:    msg("Dit archief is alleen-lezen: het beantwoordt alleen GET en HEAD."),
		AddressTooLong:     msg("Adres te lang"),
		NoLongAddress:      msg("Geen pagina van dit archief heeft zo’n lang adres."),
		BadAddress:         msg("Ongeldig adres"),
		NoSuchAddress:      msg("Dat adres kan geen pagina van dit archief aanduiden."),
		TrySearching:       msg("Misschien helpt zoeken:"),
		GoHome:             msg("Ga naar de homepage"),
		NotShown:           msg("Deze pagina kon niet worden getoond."),
		WentWrong:          msg("Er ging bij ons iets mis."),
		PasswordProtected:  msg("Deze inhoud is beveiligd met een wachtwoord."),
		ProtectedCard:      msg("Deze inhoud is beveiligd met een wachtwoord; het archief toont deze niet."),
		ProtectedPost:      msg("Deze inhoud is beveiligd met een wachtwoord. Het archief houdt deze privé en toont deze niet."),
		SearchResultsFor:   msg("Zoekresultaten voor “%s”"),
		SearchUnavailable:  msg("Zoeken is hier niet beschikbaar: het archief moet daarvoor door %s worden geserveerd."),
		CommentBy:          msg("Reactie van %s"),
		Anonymous:          msg("Anoniem"),
		Refine:             msg("Verfijnen"),
		FacetYear:          msg("Jaar"),
		FacetAuthor:        msg("Auteur"),
		FacetCategory:      msg("Categorie"),
		FacetTag:           msg("Tag"),
		QueryNotUnderstood: msg("Die zoekopdracht kon niet worden begrepen: %s"),
		SearchTimedOut:     msg("Die zoekopdracht duurde te lang en is gestopt: meer woorden of minder jokertekens maken haar nauwer."),
		QueryTooLong:       msg("Die zoekopdracht is te lang: houd haar onder de %d tekens."),
		PageOutOfRange:     msg("Dat paginanummer valt buiten het bereik."),
		SearchBusy:         msg("Het archief beantwoordt nu zoveel zoekopdrachten als het kan: probeer het zo opnieuw."),

		// The frame: footer, navigation, a post's pages, subcategories, a list's page number.
		ReadOnlyArchive: msg("%s is een alleen-lezen archief"),
		RSSFeed:         msg("RSS-feed"),
		AllSites:        msg("Alle gearchiveerde sites"),
		SitePages:       msg("Pagina's"),
		PostsNav:        msg("Berichten"),
		MorePages:       msg("Meer pagina's"),
		PostPages:       msg("Pagina's:"),
		PostPagesNav:    msg("Pagina's van dit bericht"),
		ChildPages:      msg("Subpagina's"),
		Subcategories:   msg("Zie ook:"),
		PageNumber:      msg("Pagina %d"),
		MonthsNav:       msg("Vorige en volgende maanden"),

		// The pages of several sites: their list, and an old link several had.
		ArchivedSites:  msg("Gearchiveerde sites"),
		SeveralPages:   msg("Meerdere pagina's hadden dit adres"),
		WhichOne:       msg("Welke?"),
		SeveralMatches: msg("Dat oude adres wijst naar een pagina op meer dan een van de gearchiveerde sites."),

		// The comments block, its comment form and the query loop's pagination.
		NextPage:       msg("Volgende pagina"),
		PreviousPage:   msg("Vorige pagina"),
		ResponseCount:  counted("=1", "Eén reactie", plural.Other, "%d reacties"),
		ResponsesTo:    counted("=1", "Reactie op “%[2]s”", plural.Other, "Reacties op “%[2]s”"),
		Response:       msg("Reactie"),
		ResponsesWord:  msg("Reacties"),
		AvatarOf:       msg("Avatar van %s"),
		LeaveReply:     msg("Geef een reactie"),
		EmailUnshown:   msg("Je e-mailadres zal niet getoond worden."),
		RequiredFields: msg("Vereiste velden zijn gemarkeerd met %s"),
		FieldComment:   msg("Reactie"),
		FieldName:      msg("Naam"),
		FieldEmail:     msg("E-mail"),
		FieldWebsite:   msg("Site"),
		SaveCommenter:  msg("Mijn naam, e-mail en site opslaan in deze browser voor de volgende keer wanneer ik een reactie plaats."),
	}, dates{date: `j F Y`, time: `H:i`, month: `F Y`,
		months:      [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
		monthsShort: [12]string{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"},
		weekdays:    [7]string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"}}},

	{language.Russian, map[string][]catalog.Message{
		YearArchive:   msg("Год: %s"),
		MonthArchive:  msg("Месяц: %s"),
		DayArchive:    msg("День: %s"),
		Responses:     russianCount("%[1]d ответ на «%[2]s»", "%[1]d ответа на «%[2]s»", "%[1]d ответов на «%[2]s»"),
		Comments:      russianCount("%d комментарий", "%d комментария", "%d комментариев"),
		NoComments:    msg("Комментариев нет"),
		DateAtTime:    msg("%s в %s"),
		ReadOnly:      msg("Комментарии закрыты: это архив только для чтения."),
		CommentsFeed:  msg("Лента комментариев"),
		ContinueRead:  msg("Читать далее"),
		Older:         msg("← Старые"),
		Newer:         msg("Новые →"),
		PageOf:        msg("Страница %d из %d"),
		SearchArchive: msg("Поиск по архиву"),
		Search:        msg("Поиск"),
		ReplyingTo:    msg("в ответ"),
		By:            msg("автор"),
		In:            msg("в рубрике"),
		Tagged:        msg("Метки:"),
		SkipToContent: msg("Перейти к содержимому"),
		Protected:     msg("Защищено: %s"),
		CommentOnPost: msg("%s к записи %s"),
		ReadMore:      msg("Читать далее"),
		NextPost:      msg("Следующая запись"),
		PreviousPost:  msg("Предыдущая запись"),
		NoTitle:       msg("(без названия)"),
		Posts:         russianCount("%d запись", "%d записи", "%d записей"),
		Pages:         russianCount("%d страница", "%d страницы", "%d страниц"),
		Results:       russianCount("%d результат", "%d результата", "%d результатов"),
		MoreComments:  russianCount("и ещё %d подходящий комментарий", "и ещё %d подходящих комментария", "и ещё %d подходящих комментариев"),
		Pings:         msg("Уведомления и обратные ссылки"),
		InThisSection: msg("В этом разделе"),
		NothingHere:   msg("Здесь ничего нет."),

		// The feeds, the error pages, the password notices and the search page.
		FeedOf:             msg("%s %s Лента"),
		CommentsFeedOf:     msg("%s %s Лента комментариев"),
		PostFeedOf:         msg("%[1]s %[2]s Лента комментариев к «%[3]s»"),
		FeedOfListing:      msg("Лента: %s"),
		PostComments:       msg("Комментарии: %s"),
		SiteComments:       msg("Комментарии на сайте %s"),
		FeedCommentBy:      msg("Автор: %s"),
		FeedCommentOn:      msg("Комментарий к записи %[1]s (%[2]s)"),
		CategoryArchive:    msg("Рубрика: %s"),
		TagArchive:         msg("Метка: %s"),
		AuthorArchive:      msg("Автор: %s"),
		NotFound:           msg("Не найдено"),
		NoSuchPage:         msg("В этом архиве нет страницы по этому адресу. Возможно, её никогда не было, или она не была общедоступной."),
		NoSuchFile:         msg("Такого файла нет."),
		BadRequest:         msg("Неверный запрос"),
		TryAgain:           msg("Попробуйте ещё раз через минуту"),
		Unreadable:         msg("Сейчас не удалось прочитать архив."),
		MethodNotAllowed:   msg("Метод не разрешён"),
		ReadOnlyMethods:    msg("Этот архив только для чтения: он отвечает только на GET и HEAD."),
		AddressTooLong:     msg("Слишком длинный адрес"),
		NoLongAddress:      msg("Ни у одной страницы этого архива нет такого длинного адреса."),
		BadAddress:         msg("Неверный адрес"),
		NoSuchAddress:      msg("Этот адрес не может указывать на страницу этого архива."),
		TrySearching:       msg("Возможно, поможет поиск:"),
		GoHome:             msg("Перейти на главную страницу"),
		NotShown:           msg("Не удалось показать эту страницу."),
		WentWrong:          msg("На нашей стороне что-то пошло не так."),
		PasswordProtected:  msg("Это содержимое защищено паролем."),
		ProtectedCard:      msg("Это содержимое защищено паролем; архив его не показывает."),
		ProtectedPost:      msg("Это содержимое защищено паролем. Архив хранит его закрытым и не показывает."),
		SearchResultsFor:   msg("Результаты поиска «%s»"),
		SearchUnavailable:  msg("Поиск здесь недоступен: для него архив должен обслуживаться командой %s."),
		CommentBy:          msg("Комментарий от %s"),
		Anonymous:          msg("Аноним"),
		Refine:             msg("Уточнить"),
		FacetYear:          msg("Год"),
		FacetAuthor:        msg("Автор"),
		FacetCategory:      msg("Рубрика"),
		FacetTag:           msg("Метка"),
		QueryNotUnderstood: msg("Не удалось понять этот запрос: %s"),
		SearchTimedOut:     msg("Поиск занял слишком много времени и был остановлен: больше слов или меньше подстановочных знаков сузят его."),
		QueryTooLong:       msg("Слишком длинный запрос: он должен быть короче %d символов."),
		PageOutOfRange:     msg("Номер страницы вне допустимого диапазона."),
		SearchBusy:         msg("Архив сейчас обрабатывает столько запросов, сколько может: попробуйте ещё раз через минуту."),

		// The frame: footer, navigation, a post's pages, subcategories, a list's page number.
		ReadOnlyArchive: msg("%s — архив только для чтения"),
		RSSFeed:         msg("RSS-лента"),
		AllSites:        msg("Все архивированные сайты"),
		SitePages:       msg("Страницы"),
		PostsNav:        msg("Записи"),
		MorePages:       msg("Другие страницы"),
		PostPages:       msg("Страниц:"),
		PostPagesNav:    msg("Страницы этой записи"),
		ChildPages:      msg("Дочерние страницы"),
		Subcategories:   msg("См. также:"),
		PageNumber:      msg("Страница %d"),
		MonthsNav:       msg("Предыдущий и следующий месяцы"),

		// The pages of several sites: their list, and an old link several had.
		ArchivedSites:  msg("Архивированные сайты"),
		SeveralPages:   msg("Этот адрес был у нескольких страниц"),
		WhichOne:       msg("Какую именно?"),
		SeveralMatches: msg("Этот старый адрес указывает на страницу сразу на нескольких архивированных сайтах."),

		// The comments block, its comment form and the query loop's pagination.
		NextPage:       msg("Следующая страница"),
		PreviousPage:   msg("Предыдущая страница"),
		ResponseCount:  russianCount("%d ответ", "%d ответа", "%d ответов"),
		ResponsesTo:    counted("=1", "Ответ на «%[2]s»", plural.Other, "Ответы на «%[2]s»"),
		Response:       msg("Ответ"),
		ResponsesWord:  msg("Ответы"),
		AvatarOf:       msg("Аватар %s"),
		LeaveReply:     msg("Добавить комментарий"),
		EmailUnshown:   msg("Ваш адрес email не будет опубликован."),
		RequiredFields: msg("Обязательные поля помечены %s"),
		FieldComment:   msg("Комментарий"),
		FieldName:      msg("Имя"),
		FieldEmail:     msg("Email"),
		FieldWebsite:   msg("Сайт"),
		SaveCommenter:  msg("Сохранить моё имя, email и адрес сайта в этом браузере для последующих моих комментариев."),
	}, dates{date: `d.m.Y`, time: `H:i`, month: `f Y`,
		months:      [12]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
		monthsAlone: [12]string{"Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"},
		monthsShort: [12]string{"Янв", "Фев", "Мар", "Апр", "Май", "Июн", "Июл", "Авг", "Сен", "Окт", "Ноя", "Дек"},
		weekdays:    [7]string{"Воскресенье", "Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота"}}},

	{language.Japanese, map[string][]catalog.Message{
		YearArchive:   msg("年: %s"),
		MonthArchive:  msg("月: %s"),
		DayArchive:    msg("日: %s"),
		Responses:     msg("“%[2]s” への%[1]d件のフィードバック"),
		Comments:      msg("%d件のコメント"),
		NoComments:    msg("コメントはまだありません"),
		DateAtTime:    msg("%s %s"),
		ReadOnly:      msg("コメントは受け付けていません: 読み取り専用のアーカイブです。"),
		CommentsFeed:  msg("コメントフィード"),
		ContinueRead:  msg("続きを読む"),
		Older:         msg("← 前へ"),
		Newer:         msg("次へ →"),
		PageOf:        msg("%d / %d ページ"),
		SearchArchive: msg("このアーカイブを検索"),
		Search:        msg("検索"),
		ReplyingTo:    msg("返信先:"),
		By:            msg("投稿者:"),
		In:            msg("カテゴリー:"),
		Tagged:        msg("タグ:"),
		SkipToContent: msg("コンテンツへスキップ"),
		Protected:     msg("保護中: %s"),
		CommentOnPost: msg("%[2]s に %[1]s より"),
		ReadMore:      msg("続きを読む"),
		NextPost:      msg("次の投稿"),
		PreviousPost:  msg("前の投稿"),
		NoTitle:       msg("(タイトルなし)"),
		Posts:         msg("%d件の投稿"),
		Pages:         msg("%d件の固定ページ"),
		Results:       msg("%d件の結果"),
		MoreComments:  msg("ほかに一致するコメント%d件"),
		Pings:         msg("ピンバックとトラックバック"),
		InThisSection: msg("このセクション内"),
		NothingHere:   msg("ここには何もありません。"),

		// The feeds, the error pages, the password notices and the search page.
		FeedOf:             msg("%s %s フィード"),
		CommentsFeedOf:     msg("%s %s コメントフィード"),
		PostFeedOf:         msg("%s %s %s のコメントのフィード"),
		FeedOfListing:      msg("%s のフィード"),
		PostComments:       msg("%s へのコメント"),
		SiteComments:       msg("%s へのコメント"),
		FeedCommentBy:      msg("%s より"),
		FeedCommentOn:      msg("%[2]s より %[1]s へのコメント"),
		CategoryArchive:    msg("カテゴリー: %s"),
		TagArchive:         msg("タグ: %s"),
		AuthorArchive:      msg("作成者: %s"),
		NotFound:           msg("見つかりませんでした"),
		NoSuchPage:         msg("このアーカイブにはそのアドレスのページはありません。存在しなかったか、公開されていなかった可能性があります。"),
		NoSuchFile:         msg("そのようなファイルはありません。"),
		BadRequest:         msg("不正なリクエスト"),
		TryAgain:           msg("しばらくしてからもう一度お試しください"),
		Unreadable:         msg("現在アーカイブを読み込めませんでした。"),
		MethodNotAllowed:   msg("許可されていないメソッド"),
		ReadOnlyMethods:    msg("このアーカイブは読み取り専用です: GET と HEAD にのみ応答します。"),
		AddressTooLong:     msg("アドレスが長すぎます"),
		NoLongAddress:      msg("このアーカイブにそれほど長いアドレスのページはありません。"),
		BadAddress:         msg("不正なアドレス"),
		NoSuchAddress:      msg("そのアドレスはこのアーカイブのページを指すことができません。"),
		TrySearching:       msg("検索してみてください:"),
		GoHome:             msg("ホームページへ移動"),
		NotShown:           msg("このページを表示できませんでした。"),
		WentWrong:          msg("こちら側で問題が発生しました。"),
		PasswordProtected:  msg("このコンテンツはパスワードで保護されています。"),
		ProtectedCard:      msg("このコンテンツはパスワードで保護されています。アーカイブには表示されません。"),
		ProtectedPost:      msg("このコンテンツはパスワードで保護されています。アーカイブは非公開のまま保管し、表示しません。"),
		SearchResultsFor:   msg("“%s” の検索結果"),
		SearchUnavailable:  msg("ここでは検索を利用できません: アーカイブを %s で公開する必要があります。"),
		CommentBy:          msg("%s のコメント"),
		Anonymous:          msg("匿名"),
		Refine:             msg("絞り込み"),
		FacetYear:          msg("年"),
		FacetAuthor:        msg("作成者"),
		FacetCategory:      msg("カテゴリー"),
		FacetTag:           msg("タグ"),
		QueryNotUnderstood: msg("その検索を理解できませんでした: %s"),
		SearchTimedOut:     msg("検索に時間がかかりすぎたため中止しました: 単語を増やすかワイルドカードを減らすと絞り込めます。"),
		QueryTooLong:       msg("検索語が長すぎます: %d 文字未満にしてください。"),
		PageOutOfRange:     msg("そのページ番号は範囲外です。"),
		SearchBusy:         msg("アーカイブは現在、処理できる限りの検索に応答しています: しばらくしてからもう一度お試しください。"),

		// The frame: footer, navigation, a post's pages, subcategories, a list's page number.
		ReadOnlyArchive: msg("%s は読み取り専用のアーカイブです"),
		RSSFeed:         msg("RSS フィード"),
		AllSites:        msg("アーカイブ済みのすべてのサイト"),
		SitePages:       msg("固定ページ"),
		PostsNav:        msg("投稿"),
		MorePages:       msg("その他のページ"),
		PostPages:       msg("ページ:"),
		PostPagesNav:    msg("この投稿のページ"),
		ChildPages:      msg("子ページ"),
		Subcategories:   msg("関連:"),
		PageNumber:      msg("%d ページ"),
		MonthsNav:       msg("前後の月"),

		// The pages of several sites: their list, and an old link several had.
		ArchivedSites:  msg("アーカイブ済みのサイト"),
		SeveralPages:   msg("このアドレスのページが複数あります"),
		WhichOne:       msg("どれですか?"),
		SeveralMatches: msg("その古いアドレスは、複数のアーカイブ済みサイトのページを指しています。"),

		// The comments block, its comment form and the query loop's pagination.
		NextPage:       msg("次のページ"),
		PreviousPage:   msg("前のページ"),
		ResponseCount:  msg("%d件のフィードバック"),
		ResponsesTo:    msg("“%[2]s” へのフィードバック"),
		Response:       msg("フィードバック"),
		ResponsesWord:  msg("フィードバック"),
		AvatarOf:       msg("%sのアバター"),
		LeaveReply:     msg("コメントを残す"),
		EmailUnshown:   msg("メールアドレスが公開されることはありません。"),
		RequiredFields: msg("%s が付いている欄は必須項目です"),
		FieldComment:   msg("コメント"),
		FieldName:      msg("名前"),
		FieldEmail:     msg("メール"),
		FieldWebsite:   msg("サイト"),
		SaveCommenter:  msg("次回のコメントで使用するためブラウザーに自分の名前、メールアドレス、サイトを保存する。"),
	}, cjkDates},

	{language.Chinese, map[string][]catalog.Message{
		YearArchive:   msg("年份：%s"),
		MonthArchive:  msg("月份：%s"),
		DayArchive:    msg("日期：%s"),
		Responses:     msg("《%[2]s》有%[1]d条评论"),
		Comments:      counted("=1", "一条评论", plural.Other, "%d条评论"),
		NoComments:    msg("没有评论"),
		DateAtTime:    msg("%s %s"),
		ReadOnly:      msg("评论已关闭：这是只读的存档。"),
		CommentsFeed:  msg("评论Feed"),
		ContinueRead:  msg("继续阅读"),
		Older:         msg("← 较早"),
		Newer:         msg("较新 →"),
		PageOf:        msg("第%d页，共%d页"),
		SearchArchive: msg("搜索此存档"),
		Search:        msg("搜索"),
		ReplyingTo:    msg("回复给"),
		By:            msg("作者"),
		In:            msg("分类"),
		Tagged:        msg("标签："),
		SkipToContent: msg("跳至内容"),
		Protected:     msg("密码保护：%s"),
		CommentOnPost: msg("%s发表在《%s》"),
		ReadMore:      msg("阅读更多"),
		NextPost:      msg("下一篇"),
		PreviousPost:  msg("上一篇"),
		NoTitle:       msg("(无标题)"),
		Posts:         msg("%d篇文章"),
		Pages:         msg("%d个页面"),
		Results:       msg("%d个结果"),
		MoreComments:  msg("以及另外%d条匹配的评论"),
		Pings:         msg("Pingback和Trackback"),
		InThisSection: msg("本节内容"),
		NothingHere:   msg("这里什么都没有。"),

		// The feeds, the error pages, the password notices and the search page.
		FeedOf:             msg("%s %s Feed"),
		CommentsFeedOf:     msg("%s %s 评论Feed"),
		PostFeedOf:         msg("%s %s %s评论Feed"),
		FeedOfListing:      msg("%s的Feed"),
		PostComments:       msg("《%s》的评论"),
		SiteComments:       msg("“%s”的评论"),
		FeedCommentBy:      msg("作者：%s"),
		FeedCommentOn:      msg("%[2]s对《%[1]s》的评论"),
		CategoryArchive:    msg("分类：%s"),
		TagArchive:         msg("标签：%s"),
		AuthorArchive:      msg("作者：%s"),
		NotFound:           msg("未找到"),
		NoSuchPage:         msg("此存档中没有该地址的页面。它可能从未存在过，或者并未公开。"),
		NoSuchFile:         msg("没有这个文件。"),
		BadRequest:         msg("错误的请求"),
		TryAgain:           msg("请稍后重试"),
		Unreadable:         msg("暂时无法读取存档。"),
		MethodNotAllowed:   msg("不允许的方法"),
		ReadOnlyMethods:    msg("此存档为只读：只响应 GET 和 HEAD。"),
		AddressTooLong:     msg("地址过长"),
		NoLongAddress:      msg("此存档中没有地址这么长的页面。"),
		BadAddress:         msg("错误的地址"),
		NoSuchAddress:      msg("该地址不可能指向此存档的页面。"),
		TrySearching:       msg("也许搜索会有帮助："),
		GoHome:             msg("前往首页"),
		NotShown:           msg("无法显示此页面。"),
		WentWrong:          msg("我们这边出了点问题。"),
		PasswordProtected:  msg("这是一篇受密码保护的文章。"),
		ProtectedCard:      msg("这是一篇受密码保护的文章，存档不显示其内容。"),
		ProtectedPost:      msg("这是一篇受密码保护的文章。存档将其保密，不予显示。"),
		SearchResultsFor:   msg("搜索“%s”的结果"),
		SearchUnavailable:  msg("此处无法搜索：需要用 %s 提供存档。"),
		CommentBy:          msg("%s的评论"),
		Anonymous:          msg("匿名"),
		Refine:             msg("筛选"),
		FacetYear:          msg("年"),
		FacetAuthor:        msg("作者"),
		FacetCategory:      msg("分类目录"),
		FacetTag:           msg("标签"),
		QueryNotUnderstood: msg("无法理解该搜索：%s"),
		SearchTimedOut:     msg("搜索耗时过长，已停止：增加词语或减少通配符可以缩小范围。"),
		QueryTooLong:       msg("搜索内容过长：请少于 %d 个字符。"),
		PageOutOfRange:     msg("页码超出范围。"),
		SearchBusy:         msg("存档正在尽力处理搜索请求：请稍后重试。"),

		// The frame: footer, navigation, a post's pages, subcategories, a list's page number.
		ReadOnlyArchive: msg("%s 是只读的存档"),
		RSSFeed:         msg("RSS Feed"),
		AllSites:        msg("所有存档站点"),
		SitePages:       msg("页面"),
		PostsNav:        msg("文章"),
		MorePages:       msg("更多页面"),
		PostPages:       msg("页面："),
		PostPagesNav:    msg("本文的分页"),
		ChildPages:      msg("子页面"),
		Subcategories:   msg("另见："),
		PageNumber:      msg("第%d页"),
		MonthsNav:       msg("上个月和下个月"),

		// The pages of several sites: their list, and an old link several had.
		ArchivedSites:  msg("已存档的站点"),
		SeveralPages:   msg("多个页面曾使用此地址"),
		WhichOne:       msg("哪一个？"),
		SeveralMatches: msg("该旧地址对应多个存档站点上的页面。"),

		// The comments block, its comment form and the query loop's pagination.
		NextPage:       msg("下一页"),
		PreviousPage:   msg("上一页"),
		ResponseCount:  msg("%d条评论"),
		ResponsesTo:    msg("《%[2]s》的评论"),
		Response:       msg("评论"),
		ResponsesWord:  msg("评论"),
		AvatarOf:       msg("%s的头像"),
		LeaveReply:     msg("发表回复"),
		EmailUnshown:   msg("您的电子邮箱地址不会被公开。"),
		RequiredFields: msg("必填项已用%s标注"),
		FieldComment:   msg("评论"),
		FieldName:      msg("显示名称"),
		FieldEmail:     msg("电子邮件"),
		FieldWebsite:   msg("网站"),
		SaveCommenter:  msg("在此浏览器中保存我的显示名称、邮箱地址和网站地址，以便下次评论时使用。"),
	}, dates{date: cjkDates.date, time: cjkDates.time, month: cjkDates.month, months: cjkDates.months, monthsShort: cjkDates.monthsShort,
		weekdays:        [7]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"},
		weekdayInitials: [7]string{"日", "一", "二", "三", "四", "五", "六"}}},
}

// cjkDates are Japanese dates, and Chinese ones but for the days of the
// week: WordPress writes both Y年n月j日.
var cjkDates = dates{date: `Y年n月j日`, time: `H:i`, month: `Y年n月`,
	months:      [12]string{"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"},
	monthsShort: [12]string{"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"},
	weekdays:    [7]string{"日", "月", "火", "水", "木", "金", "土"}}
