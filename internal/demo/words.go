package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"kovit/internal/need"
)

// The demo's texts are composed from the words Estonian municipalities' IT plans and
// needs surveys use: the systems and services they keep (each with the forms a title
// needs), what they do to them, and why. Any pick reads as a sentence a municipality
// might write; none is a real municipality's plan.

// subject is a thing a municipality's IT people look after.
type subject struct {
	Nom, Gen string // nominative and genitive: "veebileht", "veebilehe"
	EN       string // its English name, for the English titles
	Category need.Category
	Kind     string // which actions suit it: system, infra, skill or service
}

var subjects = []subject{
	{"dokumendihaldussüsteem", "dokumendihaldussüsteemi", "document management system", need.CatRecords, "system"},
	{"arhiivi infosüsteem", "arhiivi infosüsteemi", "archive information system", need.CatRecords, "system"},
	{"volikogu istungite infosüsteem", "volikogu istungite infosüsteemi", "council meeting system", need.CatRecords, "system"},
	{"veebileht", "veebilehe", "website", need.CatEService, "service"},
	{"e-teenuste iseteeninduskeskkond", "e-teenuste iseteeninduskeskkonna", "self-service portal", need.CatEService, "service"},
	{"lasteaiakohtade taotlemine", "lasteaiakohtade taotlemise", "kindergarten place applications", need.CatEService, "service"},
	{"sotsiaaltoetuste taotlemine", "sotsiaaltoetuste taotlemise", "social benefit applications", need.CatEService, "service"},
	{"huvihariduse register", "huvihariduse registri", "hobby education register", need.CatEService, "service"},
	{"parkimise haldus", "parkimise halduse", "parking management", need.CatEService, "service"},
	{"ehitusmenetluse tarkvara", "ehitusmenetluse tarkvara", "building permit software", need.CatSharedSystem, "system"},
	{"raamatupidamistarkvara", "raamatupidamistarkvara", "accounting software", need.CatSharedSystem, "system"},
	{"personalitarkvara", "personalitarkvara", "HR software", need.CatSharedSystem, "system"},
	{"geoinfosüsteem", "geoinfosüsteemi", "GIS", need.CatSharedSystem, "system"},
	{"jäätmeveo register", "jäätmeveo registri", "waste collection register", need.CatSharedSystem, "system"},
	{"koolide õppeinfosüsteem", "koolide õppeinfosüsteemi", "school information system", need.CatSharedSystem, "system"},
	{"serveriruum", "serveriruumi", "server room", need.CatInfrastructure, "infra"},
	{"tööjaamade park", "tööjaamade pargi", "workstations", need.CatInfrastructure, "infra"},
	{"koolide võrguühendus", "koolide võrguühenduse", "school network connections", need.CatInfrastructure, "infra"},
	{"varundussüsteem", "varundussüsteemi", "backup system", need.CatInfrastructure, "infra"},
	{"videovalvesüsteem", "videovalvesüsteemi", "CCTV system", need.CatInfrastructure, "infra"},
	{"e-posti ja kontoritarkvara platvorm", "e-posti ja kontoritarkvara platvormi", "e-mail and office platform", need.CatInfrastructure, "infra"},
	{"infoturbe haldussüsteem (E-ITS)", "infoturbe haldussüsteemi (E-ITS)", "information security management (E-ITS)", need.CatSecurity, "system"},
	{"küberintsidentide käsitlus", "küberintsidentide käsitluse", "cyber incident handling", need.CatSecurity, "skill"},
	{"mitmikautentimine", "mitmikautentimise", "multi-factor authentication", need.CatSecurity, "skill"},
	{"ametnike digioskused", "ametnike digioskuste", "staff digital skills", need.CatTraining, "skill"},
	{"andmekaitse ja isikuandmete töötlemine", "andmekaitse ja isikuandmete töötlemise", "data protection", need.CatTraining, "skill"},
	{"avaandmete avaldamine", "avaandmete avaldamise", "open data publishing", need.CatOther, "service"},
	{"volikogu istungite veebiülekanne", "volikogu istungite veebiülekande", "council meeting broadcasts", need.CatOther, "service"},
}

// action is what is done to a subject, as the noun that follows the genitive.
type action struct{ Et, En string }

var actions = map[string][]action{
	"system": {{"uuendamine", "upgrade"}, {"asendamine", "replacement"}, {"ühishange", "joint procurement"},
		{"liidestamine riigi infosüsteemidega", "integration with state systems"}, {"viimine pilveteenusesse", "move to the cloud"},
		{"kasutuselevõtt", "introduction"}},
	"infra": {{"uuendamine", "renewal"}, {"ühishange", "joint procurement"}, {"kaasajastamine", "modernisation"},
		{"toimepidevuse tagamine", "continuity"}, {"turvalisuse tõstmine", "hardening"}},
	"skill": {{"koolitusprogramm", "training programme"}, {"arendamine", "development"}, {"ühtse korra kehtestamine", "common procedure"},
		{"õppus", "exercise"}},
	"service": {{"arendamine", "development"}, {"ligipääsetavuse parandamine", "accessibility improvement"},
		{"mobiilse kasutuse toetamine", "mobile support"}, {"ühtlustamine", "harmonisation"},
		{"kasutajauuring", "user research"}},
}

// problems say why a subject needs work, by the subject's kind; %s is its nominative.
var problems = map[string][]string{
	"system": {"Praegune %s on üle kümne aasta vana ja selle hooldus läheb iga aastaga kallimaks.",
		"Praegune %s ei vasta enam infoturbe nõuetele (E-ITS).",
		"Praegune %s ei ole liidestatud riigi registritega, mistõttu ametnikud sisestavad andmeid käsitsi.",
		"Praegune %s sõltub ühest töötajast, kelle puudumisel jääb töö seisma."},
	"infra": {"Praegune %s on oma eluea lõpus ja rikkeid tuleb ette iga kuu.",
		"Praegune %s ei vasta enam infoturbe nõuetele (E-ITS).",
		"Praegune %s sõltub ühest töötajast, kelle puudumisel jääb töö seisma."},
	"skill": {"%s ei ole omavalitsuse asutustes ühtlasel tasemel.",
		"%s ei ole korraldatud ühtse korra järgi, mistõttu vastutus on ebaselge.",
		"%s on viimase auditi järgi omavalitsuse suurim infoturberisk."},
	"service": {"%s on igas omavalitsuses korraldatud eri moodi, mis teeb arenduse kalliks.",
		"%s ei vasta ligipääsetavuse nõuetele ega tööta hästi mobiiltelefonis.",
		"%s on elanikele vähe tuntud ja seda kasutatakse vähem, kui võiks."},
}

// aims say what the work is for.
var aims = []string{
	"Eesmärk on vähendada käsitsi tehtavat tööd ja lühendada menetlusaega.",
	"Eesmärk on tagada teenuse toimepidevus ka tõrke või küberintsidendi korral.",
	"Eesmärk on, et elanik saaks teenust kasutada ühes kohas ka mobiiltelefonis.",
	"Eesmärk on vähendada kulusid ühiste lahenduste ja ühishangete abil.",
	"Eesmärk on parandada andmete kvaliteeti ja teha need juhtimiseks kättesaadavaks.",
}

// ways say how the work is done.
var ways = []string{
	"Töö tehakse koostöös naaberomavalitsustega.",
	"Esimeses etapis kaardistatakse praegused tööprotsessid, teises korraldatakse hange.",
	"Lahendus peab vastama WCAG 2.1 AA ligipääsetavuse nõuetele.",
	"Kulude katmiseks taotletakse toetust riiklikust meetmest.",
	"Kasutajad koolitatakse enne uue lahenduse kasutuselevõttu.",
}

// progressNotes are progress updates, by the status they fit.
var progressNotes = map[string][]string{
	"in_progress": {"Lähteülesanne on valmis ja kooskõlastatud osalevate omavalitsustega.",
		"Hange on välja kuulutatud, pakkumiste tähtaeg on järgmise kuu lõpus.",
		"Leping on sõlmitud ja tarnija on alustanud analüüsiga.",
		"Testkeskkond on üles seatud, esimesed kasutajad annavad tagasisidet."},
	"delayed": {"Hange vaidlustati ja lepingu sõlmimine lükkub edasi.",
		"Tarnija ei jõudnud liidestust tähtajaks valmis, uus tähtaeg lepitakse kokku.",
		"Projektijuht lahkus ja tööd jätkuvad pärast uue juhi leidmist."},
	"done": {"Lahendus on kasutusele võetud ja kasutajad on koolitatud.",
		"Vana süsteem on välja lülitatud ja andmed on üle kantud.",
		"Lõpparuanne on esitatud ja kulud on kaetud."},
}

// title is a subject and an action as a title: "Dokumendihaldussüsteemi uuendamine".
func title(s subject, a action) (et, en string) {
	return capital(s.Gen + " " + a.Et), capital(s.EN + ": " + a.En)
}

// description is three sentences on s: why, what for and how.
func description(rng *rand.Rand, s subject) string {
	return strings.Join([]string{
		capital(fmt.Sprintf(pick(rng, problems[s.Kind]), s.Nom)),
		pick(rng, aims), pick(rng, ways)}, " ")
}

func pick[T any](rng *rand.Rand, list []T) T { return list[rng.IntN(len(list))] }

func capital(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
