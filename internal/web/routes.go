package web

import "net/http"

// Register adds every page of the UI to mux. This list is the whole HTML surface.
func (ui *UI) Register(mux *http.ServeMux) {
	h := ui.handle
	mux.Handle("GET /static/", static())
	mux.Handle("GET /{$}", h(ui.home))
	mux.Handle("POST /lang", h(ui.switchLang))

	mux.Handle("GET /municipalities", h(ui.municipalityList))
	mux.Handle("GET /municipalities.csv", h(ui.municipalityExport))
	mux.Handle("GET /municipalities.xlsx", h(ui.municipalityExport))
	mux.Handle("GET /municipalities/{ehak}", h(ui.municipalityShow))
	mux.Handle("GET /municipalities/{ehak}/edit", h(ui.municipalityEdit))
	mux.Handle("POST /municipalities/{ehak}/edit", h(ui.municipalityUpdate))
	mux.Handle("GET /municipalities/{ehak}/history", h(ui.municipalityHistory))
	mux.Handle("GET /counties", h(ui.countyList))
	mux.Handle("GET /counties/{ehak}", h(ui.countyShow))

	mux.Handle("GET /sign-in", h(ui.signInForm))
	mux.Handle("POST /sign-in", h(ui.signIn))
	mux.Handle("POST /sign-out", h(ui.signOut))
	mux.Handle("GET /sign-in/oidc", h(ui.oidcStart))
	mux.Handle("GET /sign-in/oidc/callback", h(ui.oidcCallback))
	mux.Handle("GET /account", h(ui.account))
	mux.Handle("POST /account/password", h(ui.changePassword))
	mux.Handle("GET /account/tokens", h(ui.tokens))
	mux.Handle("POST /account/tokens", h(ui.createToken))
	mux.Handle("POST /account/tokens/{id}/revoke", h(ui.revokeToken))

	mux.Handle("GET /admin/users", h(ui.userList))
	mux.Handle("GET /admin/users/new", h(ui.userNew))
	mux.Handle("POST /admin/users", h(ui.userCreate))
	mux.Handle("GET /admin/users/{id}", h(ui.userEdit))
	mux.Handle("POST /admin/users/{id}", h(ui.userUpdate))
	mux.Handle("POST /admin/users/{id}/reset-password", h(ui.userResetPassword))
	mux.Handle("GET /admin/audit", h(ui.auditList))
	mux.Handle("GET /admin/audit.csv", h(ui.auditExport))
}
