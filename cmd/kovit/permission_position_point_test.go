package main

// positionPointPermissionCases are the permission matrix's cases of the advice module's gaps
// (issue 15): editing a position's point through the API.
func positionPointPermissionCases() map[string]permissionCase {
	js := "application/json"
	return map[string]permissionCase{
		"PATCH /api/v1/positions/{id}/points/{pid}": {scopeNational, "PATCH", "/api/v1/positions/999999/points/1", js, `{"text":"X","version":1}`},
	}
}

// positionPointTwinWrites pair the page's edit of a point with the API's, on a stale version so
// whoever is let through meets a conflict (or, before any point exists, a missing one).
func positionPointTwinWrites() []twinPair {
	return []twinPair{{
		page: twinRequest{route: "POST /comment-rounds/{id}/points/{pid}", path: "/comment-rounds/1/points/1",
			ctype: "application/x-www-form-urlencoded", body: "text=X&version=999"},
		api: twinRequest{route: "PATCH /api/v1/positions/{id}/points/{pid}", path: "/api/v1/positions/1/points/1",
			ctype: "application/json", body: `{"text":"X","version":999}`},
	}}
}
