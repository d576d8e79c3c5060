package web

import (
	"net/http"

	"kovit/internal/advice"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/notify"
)

type notifyListPage struct {
	Page
	Items []notify.Notification
	Pager Pager
}

// notificationList shows the user's notifications, newest first, and marks the ones shown
// read: they have now been seen.
func (ui *UI) notificationList(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	if err := auth.CanUseNotifications(u); err != nil {
		return err
	}
	q := r.URL.Query()
	var p kovit.Problems
	at := readPage(q, 50, &p)
	if err := p.Err(); err != nil {
		return err
	}
	items, total, _, err := ui.Notifications.Notifications(r.Context(), u.ID, at.Limit, at.Offset)
	if err != nil {
		return err
	}
	var unread []int64
	for i, n := range items {
		if n.Kind == notify.CommentOutcome {
			items[i].Reason = advice.FatesText(n.Reason, ui.Catalog.Printer(lang(r)).T)
		}
		if n.ReadAt == nil {
			unread = append(unread, n.ID)
		}
	}
	if len(unread) > 0 {
		if err := ui.Notifications.MarkNotificationsRead(r.Context(), u.ID, unread); err != nil {
			return err
		}
	}
	pg := notifyListPage{Page: ui.page(r, "notify.list.title"), Items: items, Pager: newPager("/notifications", q, total, at.Limit, at.Offset)}
	pg.Nav = "notifications"
	pg.Unread -= len(unread)
	ui.render(w, r, http.StatusOK, "notify/list", pg)
	return nil
}

type notifySettingsPage struct {
	Page
	Action     string // where the form posts: the account's page or the mail's signed link
	Lang       string
	Rows       []notify.KindInfo // each kind with the user's delivery in Default
	Deliveries []notify.Delivery
	Form       form
	// ShowFollows and Follows are what the signed-in user follows, on their own page only
	// (not on a mail's signed link).
	ShowFollows bool
	Follows     []followRow
}

func (ui *UI) notificationSettings(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	if err := auth.CanUseNotifications(u); err != nil {
		return err
	}
	return ui.showNotificationSettings(w, r, u.ID, "/account/notifications")
}

func (ui *UI) saveNotificationSettings(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	if err := auth.CanUseNotifications(u); err != nil {
		return err
	}
	return ui.saveSettings(w, r, u.ID, "/account/notifications")
}

// signedUser is the user a mail's settings link was made for; a link that was not made by
// this server, or was changed, names nobody.
func (ui *UI) signedUser(r *http.Request) (int64, error) {
	id, ok := ui.Signer.SettingsUser(r.PathValue("token"))
	if !ok {
		return 0, kovit.NotFound()
	}
	return id, nil
}

// signedNotificationSettings is the settings page a mail links to: it needs no sign-in,
// and changes only the settings of the user the link was signed for.
func (ui *UI) signedNotificationSettings(w http.ResponseWriter, r *http.Request) error {
	id, err := ui.signedUser(r)
	if err != nil {
		return err
	}
	return ui.showNotificationSettings(w, r, id, "/notifications/settings/"+r.PathValue("token"))
}

func (ui *UI) saveSignedNotificationSettings(w http.ResponseWriter, r *http.Request) error {
	id, err := ui.signedUser(r)
	if err != nil {
		return err
	}
	return ui.saveSettings(w, r, id, "/notifications/settings/"+r.PathValue("token"))
}

func (ui *UI) showNotificationSettings(w http.ResponseWriter, r *http.Request, userID int64, action string) error {
	s, err := ui.Notifications.NotificationSettings(r.Context(), userID)
	if err != nil {
		return err
	}
	ui.renderSettings(w, r, http.StatusOK, action, s, form{})
	return nil
}

func (ui *UI) saveSettings(w http.ResponseWriter, r *http.Request, userID int64, action string) error {
	s, err := ui.Notifications.NotificationSettings(r.Context(), userID)
	if err != nil {
		return err
	}
	in := notify.Settings{Lang: r.PostFormValue("lang"), Prefs: notify.Prefs{}}
	for _, k := range notify.Kinds {
		if v, ok := r.PostForm["deliveries."+string(k.Kind)]; ok && len(v) > 0 {
			in.Prefs[k.Kind] = notify.Delivery(v[0])
		}
	}
	status, problems, err := trySave(nil, func() error { return ui.Notifications.SetNotificationSettings(r.Context(), userID, in) })
	if err != nil {
		return err
	}
	if status != 0 {
		for k, d := range in.Prefs {
			s.Prefs[k] = d
		}
		s.Lang = in.Lang
		var f form
		f.refused(ui.Catalog.Printer(lang(r)), status, problems, nil, 0)
		ui.renderSettings(w, r, status, action, s, f)
		return nil
	}
	return ui.redirect(w, r, action, "notify.settings.saved")
}

func (ui *UI) renderSettings(w http.ResponseWriter, r *http.Request, status int, action string, s notify.Settings, f form) {
	p := notifySettingsPage{Page: ui.page(r, "notify.settings.title"), Action: action, Lang: s.Lang, Deliveries: notify.Deliveries, Form: f}
	p.Nav = "account"
	for _, k := range notify.Kinds {
		p.Rows = append(p.Rows, notify.KindInfo{Kind: k.Kind, Default: s.Prefs.For(k.Kind)})
	}
	if p.User != nil && action == "/account/notifications" && ui.Follows != nil {
		var err error
		p.ShowFollows = true
		// A list that cannot be read leaves the page without it, not the settings unserved.
		if p.Follows, err = ui.followRows(r.Context(), p.User); err != nil {
			p.ShowFollows = false
			ui.Logger.Warn("follows", "err", err, "id", p.RequestID)
		}
	}
	ui.render(w, r, status, "notify/settings", p)
}
