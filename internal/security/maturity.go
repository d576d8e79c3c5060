package security

import (
	"kovit/internal/eservice"
	"kovit/internal/kovit"
)

// IT-management maturity: a second assessment on the same rounds. Each area has levels
// reached by meeting every criterion of the level and of those below it, the rule of the
// e-service scale (eservice.Scale), with the bottleneck the unmet criteria of the next
// level. Criteria are data the coordinators edit.

// MaturityAreas are the areas in the order pages show them.
var MaturityAreas = []string{"governance", "staffing", "budget", "procurement", "continuity", "records", "security"}

// MaturityCriterion is one criterion of an area's level.
type MaturityCriterion struct {
	ID       int64  `json:"id"`
	Area     string `json:"area"`
	Level    int    `json:"level"`
	Code     string `json:"code"`
	TextEt   string `json:"text_et"`
	TextEn   string `json:"text_en"`
	Position int    `json:"position"`
}

// Validate checks an edited criterion's texts.
func (c MaturityCriterion) Validate() error {
	return eservice.Criterion{TextEt: c.TextEt, TextEn: c.TextEn}.Validate()
}

// AreaLevel is an area's level for a municipality and what keeps it from the next.
type AreaLevel struct {
	Area       string              `json:"area"`
	Level      int                 `json:"level"`
	Max        int                 `json:"max"`
	Bottleneck []MaturityCriterion `json:"bottleneck"`
}

// MaturityOf computes each area's level from the criteria met (by id).
func MaturityOf(criteria []MaturityCriterion, met []int64) []AreaLevel {
	out := make([]AreaLevel, 0, len(MaturityAreas))
	for _, area := range MaturityAreas {
		scale, byID := areaScale(criteria, area)
		al := AreaLevel{Area: area, Level: scale.LevelOf(eservice.Offered, met), Max: scale.Max(), Bottleneck: []MaturityCriterion{}}
		for _, c := range scale.Bottleneck(eservice.Offered, met) {
			al.Bottleneck = append(al.Bottleneck, byID[c.ID])
		}
		out = append(out, al)
	}
	return out
}

// areaScale is an area's criteria as an e-service scale, levels 0 to the highest.
func areaScale(criteria []MaturityCriterion, area string) (eservice.Scale, map[int64]MaturityCriterion) {
	top := 0
	for _, c := range criteria {
		if c.Area == area && c.Level > top {
			top = c.Level
		}
	}
	scale := make(eservice.Scale, top+1)
	byID := map[int64]MaturityCriterion{}
	for i := range scale {
		scale[i].Number = i
	}
	for _, c := range criteria {
		if c.Area == area {
			scale[c.Level].Criteria = append(scale[c.Level].Criteria, eservice.Criterion{ID: c.ID, Level: c.Level, Code: c.Code})
			byID[c.ID] = c
		}
	}
	return scale, byID
}

// CheckMet refuses criteria ids that are not criteria.
func CheckMet(criteria []MaturityCriterion, met []int64) error {
	known := map[int64]bool{}
	for _, c := range criteria {
		known[c.ID] = true
	}
	var p kovit.Problems
	for _, id := range met {
		if !known[id] {
			p.Add("met", "security.error.criterion")
			break
		}
	}
	return p.Err()
}

// DefaultMaturityCriteria is the first version kovit seeds: written for kovit from the
// issue's seven areas as a starting point, not taken from a published standard;
// coordinators edit the texts. Three levels per area: in place, managed, reviewed.
func DefaultMaturityCriteria() []MaturityCriterion {
	rows := []struct{ area, et, en string }{
		{"governance", "IT eest vastutaja on määratud", "Someone is responsible for IT"},
		{"governance", "IT arengukava on vastu võetud", "An IT development plan is adopted"},
		{"governance", "IT arengukava täitmist vaadatakse igal aastal üle", "The IT plan's progress is reviewed every year"},
		{"staffing", "IT-tugi on kättesaadav (oma töötaja või leping)", "IT support is available (staff or contract)"},
		{"staffing", "IT-töötajate asendamine on kokku lepitud", "Cover for IT staff is agreed"},
		{"staffing", "IT-töötajate koolitusvajadus hinnatakse igal aastal", "IT staff's training needs are assessed every year"},
		{"budget", "IT-kulud on eelarves eraldi real", "IT costs are a line of their own in the budget"},
		{"budget", "IT-eelarve lähtub arengukavast", "The IT budget follows the plan"},
		{"budget", "IT-kulusid võrreldakse teiste omavalitsustega", "IT costs are compared with other municipalities"},
		{"procurement", "IT-hanked tehakse kirjaliku korra järgi", "IT procurement follows a written procedure"},
		{"procurement", "Lepingutes on infoturbe ja andmekaitse nõuded", "Contracts carry security and data protection terms"},
		{"procurement", "Teenusepakkujate tööd hinnatakse lepingu kestel", "Suppliers' work is assessed during the contract"},
		{"continuity", "Andmetest tehakse varukoopiaid", "Data is backed up"},
		{"continuity", "Varukoopiatest taastamist on proovitud", "Restoring from backups has been tested"},
		{"continuity", "Talitluspidevuse plaan on olemas ja läbi harjutatud", "A continuity plan exists and has been rehearsed"},
		{"records", "Dokumendihaldussüsteem on kasutusel", "A records management system is in use"},
		{"records", "Dokumentide loetelu ja säilitustähtajad on kinnitatud", "The records schedule and retention periods are approved"},
		{"records", "Arhiveerimine on korraldatud Rahvusarhiivi nõuete järgi", "Archiving follows the National Archives' rules"},
		{"security", "Infoturbe eest vastutaja on määratud", "Someone is responsible for information security"},
		{"security", "E-ITS põhimeetmed on hinnatud", "The E-ITS basic measures are assessed"},
		{"security", "Infoturbe audit on tehtud viimase kolme aasta jooksul", "A security audit was made within three years"},
	}
	out := make([]MaturityCriterion, 0, len(rows))
	level := map[string]int{}
	for _, r := range rows {
		level[r.area]++
		out = append(out, MaturityCriterion{Area: r.area, Level: level[r.area], Code: r.area + "." + string(rune('0'+level[r.area])),
			TextEt: r.et, TextEn: r.en, Position: level[r.area]})
	}
	return out
}
