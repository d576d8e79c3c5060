package eservice

import (
	"strings"

	"kovit/internal/kovit"
)

// Scale is the maturity scale: levels in ascending order, each with the criteria that a
// service must meet, together with every lower level's, to reach it. Levels and criteria
// are data, so the association can hold a different scheme (e.g. the state's ~300
// criteria in three levels) without a code change.
type Scale []Level

// Level is one step of the scale; level 0 has no criteria and is where every service starts.
type Level struct {
	Number   int         `json:"number"`
	NameEt   string      `json:"name_et"`
	NameEn   string      `json:"name_en"`
	Criteria []Criterion `json:"criteria"`
}

// Name returns the level's name in lang.
func (l Level) Name(lang string) string {
	if lang == "en" && l.NameEn != "" {
		return l.NameEn
	}
	return l.NameEt
}

// Criterion is one checklist item of a level.
type Criterion struct {
	ID       int64  `json:"id"`
	Level    int    `json:"level"`
	Code     string `json:"code"`
	TextEt   string `json:"text_et"`
	TextEn   string `json:"text_en"`
	Position int    `json:"position"`
}

// Text returns the criterion in lang.
func (c Criterion) Text(lang string) string {
	if lang == "en" && c.TextEn != "" {
		return c.TextEn
	}
	return c.TextEt
}

// Validate checks an edited criterion.
func (c Criterion) Validate() error {
	var p kovit.Problems
	if strings.TrimSpace(c.TextEt) == "" {
		p.Add("text_et", "error.required")
	}
	if kovit.TooLong(c.TextEt, 500) {
		p.Add("text_et", "error.too_long")
	}
	if kovit.TooLong(c.TextEn, 500) {
		p.Add("text_en", "error.too_long")
	}
	return p.Err()
}

// Max is the highest level.
func (s Scale) Max() int {
	if len(s) == 0 {
		return 0
	}
	return s[len(s)-1].Number
}

func (s Scale) criterionIDs() map[int64]bool {
	ids := map[int64]bool{}
	for _, l := range s {
		for _, c := range l.Criteria {
			ids[c.ID] = true
		}
	}
	return ids
}

// LevelOf is the highest level all of whose criteria, and those of every level below,
// are met. A service not offered is at level 0.
func (s Scale) LevelOf(o Offering, met []int64) int {
	if o != Offered || len(s) == 0 {
		return 0
	}
	has := make(map[int64]bool, len(met))
	for _, id := range met {
		has[id] = true
	}
	reached := s[0].Number
	for _, l := range s[1:] {
		for _, c := range l.Criteria {
			if !has[c.ID] {
				return reached
			}
		}
		reached = l.Number
	}
	return reached
}

// Bottleneck returns the unmet criteria that keep a cell from the next level: those of
// the level just above its own. It is empty at the top of the scale.
func (s Scale) Bottleneck(o Offering, met []int64) []Criterion {
	level := s.LevelOf(o, met)
	has := map[int64]bool{}
	for _, id := range met {
		has[id] = true
	}
	for _, l := range s {
		if l.Number != level+1 {
			continue
		}
		var out []Criterion
		for _, c := range l.Criteria {
			if !has[c.ID] || o != Offered {
				out = append(out, c)
			}
		}
		return out
	}
	return nil
}
