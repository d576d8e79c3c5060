package api

import (
	"net/http"

	"kovit/internal/advice"
	"kovit/internal/auth"
	"kovit/internal/i18n"
	"kovit/internal/kovit"
	"kovit/internal/notify"
)

// notificationPage is a page of the user's notifications with how many are unread.
type notificationPage struct {
	page[notify.Notification]
	Unread int `json:"unread"`
}

// notificationDefaultLimit is the page size of the notification list without a limit.
const notificationDefaultLimit = 50

func (a *API) listNotifications(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	if err := auth.CanUseNotifications(u); err != nil {
		return err
	}
	q := newQuery(r)
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	if pg.Limit == 0 {
		pg.Limit = notificationDefaultLimit
	}
	items, total, unread, err := a.notifications.Notifications(r.Context(), u.ID, pg.Limit, pg.Offset)
	if err != nil {
		return err
	}
	for i, n := range items {
		if n.Kind == notify.CommentOutcome {
			items[i].Reason = advice.FatesText(n.Reason, a.catalog.Printer(i18n.AcceptLang(r)).T)
		}
	}
	return a.writeJSON(w, r, http.StatusOK, notificationPage{page[notify.Notification]{orEmpty(items), total, pg.Limit, pg.Offset}, unread})
}

// readNotifications marks the named notifications read, or all of them without ids.
func (a *API) readNotifications(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	if err := auth.CanUseNotifications(u); err != nil {
		return err
	}
	var in struct {
		IDs []int64 `json:"ids"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if len(in.IDs) > maxNotificationIDs {
		var p kovit.Problems
		p.Add("ids", "notify.error.too_many_ids")
		return p.Err()
	}
	if err := a.notifications.MarkNotificationsRead(r.Context(), u.ID, in.IDs); err != nil {
		return err
	}
	unread, err := a.notifications.UnreadNotifications(r.Context(), u.ID)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, map[string]int{"unread": unread})
}

const maxNotificationIDs = 500

func (a *API) notificationSettings(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	if err := auth.CanUseNotifications(u); err != nil {
		return err
	}
	s, err := a.notifications.NotificationSettings(r.Context(), u.ID)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, s.Full())
}

// setNotificationSettings sets the language and the deliveries given; a kind left out
// keeps its choice.
func (a *API) setNotificationSettings(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	if err := auth.CanUseNotifications(u); err != nil {
		return err
	}
	s, err := a.notifications.NotificationSettings(r.Context(), u.ID)
	if err != nil {
		return err
	}
	in := notify.Settings{Lang: s.Lang}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if err := a.notifications.SetNotificationSettings(r.Context(), u.ID, in); err != nil {
		return err
	}
	if s, err = a.notifications.NotificationSettings(r.Context(), u.ID); err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, s.Full())
}
