package web

import (
	"net/url"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/notify"
)

func notifySamples(base Page) map[string]any {
	now := time.Now()
	items := []notify.Notification{
		{ID: 2, Kind: notify.CellReturned, Entity: "service_cell", EntityID: "0793/SOC-001", Title: "Sotsiaaltoetus", Reason: "Link ei tööta", CreatedAt: now},
		{ID: 1, Kind: notify.NeedAccepted, Entity: "need", EntityID: "4", Title: "Dokumendihaldus", CreatedAt: now, ReadAt: &now},
	}
	var problems kovit.Problems
	problems.Add("deliveries.cell_returned", "notify.error.delivery")
	rows := []notify.KindInfo{}
	for _, k := range notify.Kinds {
		rows = append(rows, notify.KindInfo{Kind: k.Kind, Default: notify.Weekly})
	}
	base.Unread = 3
	return map[string]any{
		"notify/list": notifyListPage{Page: base, Items: items, Pager: newPager("/notifications", url.Values{}, 2, 50, 0)},
		"notify/settings": notifySettingsPage{Page: base, Action: "/account/notifications", Lang: "en", Rows: rows,
			Deliveries: notify.Deliveries, Form: form{Problems: problems}},
	}
}
