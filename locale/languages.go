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
		Responses:     counted("=1", "One response to “%[2]s”", plural.Other, "%[1]d responses to “%[2]s”"),
		ResponseCount: counted("=1", "One response", plural.Other, "%d responses"),
		ResponsesTo:   counted("=1", "Response to “%[2]s”", plural.Other, "Responses to “%[2]s”"),
		Comments:      counted("=1", "1 comment", plural.Other, "%d comments"),
		Results:       counted("=1", "1 result", plural.Other, "%d results"),
		Posts:         counted("=1", "1 post", plural.Other, "%d posts"),
		Pages:         counted("=1", "1 page", plural.Other, "%d pages"),
		MoreComments:  counted("=1", "and 1 more matching comment", plural.Other, "and %d more matching comments"),
	}, dates{date: `F j, Y`, time: `g:i a`, month: `F Y`, months: englishMonths, monthsShort: short(englishMonths, 3), weekdays: englishDays}},

	{language.German, map[string][]catalog.Message{
		YearArchive:    msg("Jahr: %s"),
		MonthArchive:   msg("Monat: %s"),
		DayArchive:     msg("Tag: %s"),
		Responses:      counted("=1", "Eine Antwort auf „%[2]s“", plural.Other, "%[1]d Antworten auf „%[2]s“"),
		Comments:       counted("=1", "1 Kommentar", plural.Other, "%d Kommentare"),
		Results:        counted("=1", "1 Ergebnis", plural.Other, "%d Ergebnisse"),
		MoreComments:   counted("=1", "und 1 weiterer passender Kommentar", plural.Other, "und %d weitere passende Kommentare"),
		NoComments:     msg("Keine Kommentare"),
		DateAtTime:     msg("%s um %s"),
		ReadOnly:       msg("Die Kommentare sind geschlossen: Dies ist ein Archiv, das nur gelesen werden kann."),
		CommentsFeed:   msg("Kommentar-Feed"),
		Pings:          msg("Pingbacks und Trackbacks"),
		ContinueRead:   msg("Weiterlesen"),
		Older:          msg("← Ältere"),
		Newer:          msg("Neuere →"),
		PageOf:         msg("Seite %d von %d"),
		SearchArchive:  msg("Dieses Archiv durchsuchen"),
		Search:         msg("Suchen"),
		ReplyingTo:     msg("als Antwort auf"),
		By:             msg("von"),
		In:             msg("in"),
		Tagged:         msg("Schlagwörter:"),
		SkipToContent:  msg("Zum Inhalt springen"),
		Protected:      msg("Geschützt: %s"),
		CommentOnPost:  msg("%s bei %s"),
		ReadMore:       msg("Weiterlesen"),
		NextPost:       msg("Nächster Beitrag"),
		PreviousPost:   msg("Vorheriger Beitrag"),
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
		NoTitle:        msg("(kein Titel)"),
		InThisSection:  msg("In diesem Bereich"),
		NothingHere:    msg("Hier gibt es nichts."),
	}, dates{date: `j. F Y`, time: `G:i`, month: `F Y`,
		months:      [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		monthsShort: [12]string{"Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"},
		weekdays:    [7]string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"}}},

	{language.French, map[string][]catalog.Message{
		YearArchive:    msg("Année : %s"),
		MonthArchive:   msg("Mois : %s"),
		DayArchive:     msg("Jour : %s"),
		Responses:      counted("=1", "Une réponse à « %[2]s »", plural.Other, "%[1]d réponses à « %[2]s »"),
		Comments:       counted("=1", "1 commentaire", plural.Other, "%d commentaires"),
		Results:        counted("=1", "1 résultat", plural.Other, "%d résultats"),
		NoComments:     msg("Aucun commentaire"),
		DateAtTime:     msg("%s à %s"),
		ReadOnly:       msg("Les commentaires sont fermés : ceci est une archive en lecture seule."),
		CommentsFeed:   msg("Flux des commentaires"),
		Pings:          msg("Pings et rétroliens"),
		ContinueRead:   msg("Lire la suite"),
		Older:          msg("← Plus anciens"),
		Newer:          msg("Plus récents →"),
		PageOf:         msg("Page %d sur %d"),
		SearchArchive:  msg("Rechercher dans cette archive"),
		Search:         msg("Rechercher"),
		ReplyingTo:     msg("en réponse à"),
		By:             msg("par"),
		In:             msg("dans"),
		Tagged:         msg("Étiquettes :"),
		SkipToContent:  msg("Aller au contenu"),
		Protected:      msg("Protégé : %s"),
		CommentOnPost:  msg("%s dans %s"),
		ReadMore:       msg("Lire la suite"),
		NextPost:       msg("Article suivant"),
		PreviousPost:   msg("Article précédent"),
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
		NoTitle:        msg("(pas de titre)"),
		NothingHere:    msg("Rien ici."),
	}, dates{date: `j F Y`, time: `G\hi`, month: `F Y`,
		months:      [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		monthsShort: [12]string{"Jan", "Fév", "Mar", "Avr", "Mai", "Juin", "Juil", "Août", "Sep", "Oct", "Nov", "Déc"},
		weekdays:    [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}}},

	{language.Spanish, map[string][]catalog.Message{
		YearArchive:    msg("Año: %s"),
		MonthArchive:   msg("Mes: %s"),
		DayArchive:     msg("Día: %s"),
		Responses:      counted("=1", "Una respuesta a «%[2]s»", plural.Other, "%[1]d respuestas a «%[2]s»"),
		Comments:       counted("=1", "1 comentario", plural.Other, "%d comentarios"),
		NoComments:     msg("No hay comentarios"),
		DateAtTime:     msg("%s a las %s"),
		ReadOnly:       msg("Los comentarios están cerrados: este es un archivo de solo lectura."),
		CommentsFeed:   msg("Feed de comentarios"),
		Pings:          msg("Pingbacks y trackbacks"),
		ContinueRead:   msg("Seguir leyendo"),
		Older:          msg("← Anteriores"),
		Newer:          msg("Siguientes →"),
		PageOf:         msg("Página %d de %d"),
		SearchArchive:  msg("Buscar en este archivo"),
		Search:         msg("Buscar"),
		ReplyingTo:     msg("en respuesta a"),
		By:             msg("por"),
		In:             msg("en"),
		Tagged:         msg("Etiquetas:"),
		SkipToContent:  msg("Saltar al contenido"),
		Protected:      msg("Protegido: %s"),
		CommentOnPost:  msg("%s en %s"),
		ReadMore:       msg("Leer más"),
		NextPost:       msg("Siguiente"),
		PreviousPost:   msg("Anterior"),
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
		NoTitle:        msg("(sin título)"),
	}, dates{date: `j \d\e F \d\e Y`, time: `H:i`, month: `F \d\e Y`,
		months:      [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		monthsShort: [12]string{"Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Sep", "Oct", "Nov", "Dic"},
		weekdays:    [7]string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"}}},

	{language.Italian, map[string][]catalog.Message{
		YearArchive:    msg("Anno: %s"),
		MonthArchive:   msg("Mese: %s"),
		DayArchive:     msg("Giorno: %s"),
		Responses:      counted("=1", "Una risposta a “%[2]s”", plural.Other, "%[1]d risposte a “%[2]s”"),
		Comments:       counted("=1", "1 commento", plural.Other, "%d commenti"),
		NoComments:     msg("Nessun commento"),
		DateAtTime:     msg("%s alle %s"),
		ReadOnly:       msg("I commenti sono chiusi: questo è un archivio di sola lettura."),
		CommentsFeed:   msg("Feed dei commenti"),
		ContinueRead:   msg("Continua a leggere"),
		Older:          msg("← Meno recenti"),
		Newer:          msg("Più recenti →"),
		PageOf:         msg("Pagina %d di %d"),
		SearchArchive:  msg("Cerca in questo archivio"),
		Search:         msg("Cerca"),
		ReplyingTo:     msg("in risposta a"),
		By:             msg("di"),
		In:             msg("in"),
		Tagged:         msg("Tag:"),
		SkipToContent:  msg("Vai al contenuto"),
		Protected:      msg("Protetto: %s"),
		CommentOnPost:  msg("%s su %s"),
		ReadMore:       msg("Leggi tutto"),
		NextPost:       msg("Successivo"),
		PreviousPost:   msg("Precedente"),
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
		NoTitle:        msg("(nessun titolo)"),
	}, dates{date: `j F Y`, time: `H:i`, month: `F Y`,
		months:      [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		monthsShort: [12]string{"Gen", "Feb", "Mar", "Apr", "Mag", "Giu", "Lug", "Ago", "Set", "Ott", "Nov", "Dic"},
		weekdays:    [7]string{"domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"}}},

	{language.Portuguese, map[string][]catalog.Message{
		YearArchive:    msg("Ano: %s"),
		MonthArchive:   msg("Mês: %s"),
		DayArchive:     msg("Dia: %s"),
		Responses:      counted("=1", "Uma resposta para “%[2]s”", plural.Other, "%[1]d respostas para “%[2]s”"),
		Comments:       counted("=1", "1 comentário", plural.Other, "%d comentários"),
		NoComments:     msg("Nenhum comentário"),
		DateAtTime:     msg("%s às %s"),
		ReadOnly:       msg("Os comentários estão fechados: este é um arquivo somente para leitura."),
		CommentsFeed:   msg("Feed de comentários"),
		ContinueRead:   msg("Continuar lendo"),
		Older:          msg("← Mais antigos"),
		Newer:          msg("Mais recentes →"),
		PageOf:         msg("Página %d de %d"),
		SearchArchive:  msg("Pesquisar neste arquivo"),
		Search:         msg("Pesquisar"),
		ReplyingTo:     msg("em resposta a"),
		By:             msg("por"),
		In:             msg("em"),
		Tagged:         msg("Tags:"),
		SkipToContent:  msg("Pular para o conteúdo"),
		Protected:      msg("Protegido: %s"),
		CommentOnPost:  msg("%s em %s"),
		ReadMore:       msg("Leia mais"),
		NextPost:       msg("Próximo"),
		PreviousPost:   msg("Anterior"),
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
		NoTitle:        msg("(sem título)"),
	}, dates{date: `j \d\e F \d\e Y`, time: `H:i`, month: `F \d\e Y`,
		months:      [12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		monthsShort: [12]string{"jan", "fev", "mar", "abr", "maio", "jun", "jul", "ago", "set", "out", "nov", "dez"},
		weekdays:    [7]string{"domingo", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado"}}},

	{language.Dutch, map[string][]catalog.Message{
		YearArchive:    msg("Jaar: %s"),
		MonthArchive:   msg("Maand: %s"),
		DayArchive:     msg("Dag: %s"),
		Responses:      counted("=1", "Eén reactie op “%[2]s”", plural.Other, "%[1]d reacties op “%[2]s”"),
		Comments:       counted("=1", "1 reactie", plural.Other, "%d reacties"),
		NoComments:     msg("Geen reacties"),
		DateAtTime:     msg("%s om %s"),
		ReadOnly:       msg("Reageren is gesloten: dit is een archief om te lezen."),
		CommentsFeed:   msg("Reacties-feed"),
		ContinueRead:   msg("Lees verder"),
		Older:          msg("← Oudere"),
		Newer:          msg("Nieuwere →"),
		PageOf:         msg("Pagina %d van %d"),
		SearchArchive:  msg("Doorzoek dit archief"),
		Search:         msg("Zoeken"),
		ReplyingTo:     msg("als antwoord op"),
		By:             msg("door"),
		In:             msg("in"),
		Tagged:         msg("Tags:"),
		SkipToContent:  msg("Ga naar de inhoud"),
		Protected:      msg("Beschermd: %s"),
		CommentOnPost:  msg("%s op %s"),
		ReadMore:       msg("Lees meer"),
		NextPost:       msg("Volgende"),
		PreviousPost:   msg("Vorige"),
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
		NoTitle:        msg("(geen titel)"),
	}, dates{date: `j F Y`, time: `H:i`, month: `F Y`,
		months:      [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
		monthsShort: [12]string{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"},
		weekdays:    [7]string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"}}},

	{language.Russian, map[string][]catalog.Message{
		YearArchive:  msg("Год: %s"),
		MonthArchive: msg("Месяц: %s"),
		DayArchive:   msg("День: %s"),
		Responses: counted(plural.One, "%[1]d ответ на «%[2]s»", plural.Few, "%[1]d ответа на «%[2]s»",
			plural.Many, "%[1]d ответов на «%[2]s»", plural.Other, "%[1]d ответа на «%[2]s»"),
		Comments: counted(plural.One, "%d комментарий", plural.Few, "%d комментария",
			plural.Many, "%d комментариев", plural.Other, "%d комментария"),
		NoComments:     msg("Комментариев нет"),
		DateAtTime:     msg("%s в %s"),
		ReadOnly:       msg("Комментарии закрыты: это архив только для чтения."),
		CommentsFeed:   msg("Лента комментариев"),
		ContinueRead:   msg("Читать далее"),
		Older:          msg("← Старые"),
		Newer:          msg("Новые →"),
		PageOf:         msg("Страница %d из %d"),
		SearchArchive:  msg("Поиск по архиву"),
		Search:         msg("Найти"),
		ReplyingTo:     msg("в ответ"),
		By:             msg("автор"),
		In:             msg("в рубрике"),
		Tagged:         msg("Метки:"),
		SkipToContent:  msg("Перейти к содержимому"),
		Protected:      msg("Защищено: %s"),
		CommentOnPost:  msg("%s к записи %s"),
		ReadMore:       msg("Читать далее"),
		NextPost:       msg("Следующая запись"),
		PreviousPost:   msg("Предыдущая запись"),
		NextPage:       msg("Следующая страница"),
		PreviousPage:   msg("Предыдущая страница"),
		ResponseCount:  counted(plural.One, "%d ответ", plural.Few, "%d ответа", plural.Other, "%d ответов"),
		ResponsesTo:    counted(plural.One, "Ответ на «%[2]s»", plural.Other, "Ответы на «%[2]s»"),
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
		NoTitle:        msg("(без заголовка)"),
	}, dates{date: `d.m.Y`, time: `H:i`, month: `f Y`,
		months:      [12]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
		monthsAlone: [12]string{"Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"},
		monthsShort: [12]string{"Янв", "Фев", "Мар", "Апр", "Май", "Июн", "Июл", "Авг", "Сен", "Окт", "Ноя", "Дек"},
		weekdays:    [7]string{"Воскресенье", "Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота"}}},

	{language.Japanese, map[string][]catalog.Message{
		YearArchive:    msg("年: %s"),
		MonthArchive:   msg("月: %s"),
		DayArchive:     msg("日: %s"),
		Responses:      msg("“%[2]s” への%[1]d件のフィードバック"),
		Comments:       msg("%d件のコメント"),
		NoComments:     msg("コメントはありません"),
		DateAtTime:     msg("%s %s"),
		ReadOnly:       msg("コメントは受け付けていません: 読み取り専用のアーカイブです。"),
		CommentsFeed:   msg("コメントフィード"),
		ContinueRead:   msg("続きを読む"),
		Older:          msg("← 前へ"),
		Newer:          msg("次へ →"),
		PageOf:         msg("%d / %d ページ"),
		SearchArchive:  msg("このアーカイブを検索"),
		Search:         msg("検索"),
		ReplyingTo:     msg("返信先:"),
		By:             msg("投稿者:"),
		In:             msg("カテゴリー:"),
		Tagged:         msg("タグ:"),
		SkipToContent:  msg("コンテンツへスキップ"),
		Protected:      msg("保護中: %s"),
		CommentOnPost:  msg("%s より %s に"),
		ReadMore:       msg("続きを読む"),
		NextPost:       msg("次の投稿"),
		PreviousPost:   msg("前の投稿"),
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
		NoTitle:        msg("(タイトルなし)"),
	}, cjkDates},

	{language.Chinese, map[string][]catalog.Message{
		YearArchive:    msg("年份：%s"),
		MonthArchive:   msg("月份：%s"),
		DayArchive:     msg("日：%s"),
		Responses:      msg("《%[2]s》有%[1]d条评论"),
		Comments:       msg("%d条评论"),
		NoComments:     msg("没有评论"),
		DateAtTime:     msg("%s %s"),
		ReadOnly:       msg("评论已关闭：这是只读的存档。"),
		CommentsFeed:   msg("评论Feed"),
		ContinueRead:   msg("继续阅读"),
		Older:          msg("← 较早"),
		Newer:          msg("较新 →"),
		PageOf:         msg("第%d页，共%d页"),
		SearchArchive:  msg("搜索此存档"),
		Search:         msg("搜索"),
		ReplyingTo:     msg("回复给"),
		By:             msg("作者"),
		In:             msg("分类"),
		Tagged:         msg("标签："),
		SkipToContent:  msg("跳至内容"),
		Protected:      msg("密码保护：%s"),
		CommentOnPost:  msg("%s发表在《%s》"),
		ReadMore:       msg("阅读更多"),
		NextPost:       msg("下一篇"),
		PreviousPost:   msg("上一篇"),
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
		NoTitle:        msg("（无标题）"),
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
