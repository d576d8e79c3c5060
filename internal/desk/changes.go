package desk

import (
	"context"
	"strconv"
	"strings"
	"time"

	"kovit/internal/audit"
)

// FirstVisit is how far back a reader's first desk looks.
const FirstVisit = 7 * 24 * time.Hour

// maxChanges bounds the audit events a reader's desk reads.
const maxChanges = 500

// Module groups a reader's changes by the module they belong to.
func Module(entity string) string {
	switch entity {
	case audit.KindMunicipality:
		return "municipalities"
	case audit.KindService, audit.KindServiceCell:
		return "eservices"
	case audit.KindNeed, audit.KindConsolidatedNeed, audit.KindMeasure:
		return "needs"
	}
	return ""
}

// changes: for who neither edits nor reviews (a reader), what changed since their last
// visit in the records every reader may read. Needs pass auth.CanReadNeed as they are now.
func (m Modules) changes(ctx context.Context, v Viewer, now time.Time) (Found, error) {
	if !v.ReadsChanges() || m.Audit == nil {
		return Found{}, nil
	}
	since := v.LastVisit
	if since.IsZero() {
		since = now.Add(-FirstVisit)
	}
	events, _, err := m.Audit.ListEvents(ctx, audit.Filter{Since: since, Limit: maxChanges})
	if err != nil {
		return Found{}, err
	}
	fs, err := m.follows(ctx, v)
	if err != nil {
		return Found{}, err
	}
	seen := map[string]bool{}
	var out []Item
	for _, e := range events {
		key := e.Entity + "/" + e.EntityID
		if seen[key] {
			continue
		}
		pi, ok, err := m.planChange(ctx, v, e, fs)
		if err != nil {
			return Found{}, err
		}
		if ok {
			seen[key] = true
			out = append(out, pi)
			continue
		}
		if Module(e.Entity) == "" {
			continue
		}
		seen[key] = true
		i := Item{Kind: Changed, Detail: Module(e.Entity), Date: e.At}
		switch e.Entity {
		case audit.KindMunicipality:
			i.MunicipalityEHAK, i.Link = e.EntityID, "/municipalities/"+e.EntityID
		case audit.KindService:
			i.TitleEt, i.Link = e.EntityID, "/eservices/services/"+e.EntityID
		case audit.KindServiceCell:
			ehak, code, _ := strings.Cut(e.EntityID, "/")
			i.MunicipalityEHAK, i.TitleEt, i.Link = ehak, code, "/eservices/"+ehak+"/"+code
		case audit.KindNeed:
			id, err := strconv.ParseInt(e.EntityID, 10, 64)
			if err != nil || v.MayReadNeed == nil {
				continue
			}
			n, err := m.Needs.Need(ctx, id)
			if err != nil || !v.MayReadNeed.Allows(n) {
				continue // deleted, or still its municipality's to settle
			}
			i.MunicipalityEHAK, i.TitleEt, i.Link = n.MunicipalityEHAK, n.Title, "/needs/"+e.EntityID
		case audit.KindConsolidatedNeed:
			i.TitleEt, i.Link = "#"+e.EntityID, "/consolidated/"+e.EntityID
		case audit.KindMeasure:
			i.TitleEt, i.Link = "#"+e.EntityID, "/measures/"+e.EntityID
		}
		// Consolidated needs and measures are about no one municipality or service: only
		// who follows nothing sees them.
		if !fs.Covers(i.MunicipalityEHAK, serviceOf(e), "") {
			continue
		}
		out = append(out, i)
	}
	return Found{Items: out}, nil
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
