package web

import (
	"net/http"

	"kovit/internal/municipality"
)

type homePage struct {
	Page
	Stats municipality.Stats
}

func (ui *UI) home(w http.ResponseWriter, r *http.Request) error {
	st, err := ui.Municipalities.Stats(r.Context())
	if err != nil {
		return err
	}
	p := homePage{Page: ui.page(r, "home.title"), Stats: st}
	p.Nav = "home"
	ui.render(w, r, http.StatusOK, "home", p)
	return nil
}
