package eservice

// DefaultScale is the scale a new database starts with; coordinators edit its criteria.
// Level names and criteria follow the association's 0–5 scale (see issue "E-services").
// Criterion ids are left 0: storage assigns them.
func DefaultScale() Scale {
	c := func(level int, code, et, en string) Criterion {
		return Criterion{Level: level, Code: code, TextEt: et, TextEn: en}
	}
	return Scale{
		{Number: 0, NameEt: "Veebis info puudub", NameEn: "No online information"},
		{Number: 1, NameEt: "Info veebis", NameEn: "Information online", Criteria: []Criterion{
			c(1, "1.1", "Omavalitsuse veebileht kirjeldab teenust: kes saab taotleda, kuidas, maksumus ja menetlusaeg.",
				"The municipality's website describes the service: who may apply, how, the cost and the processing time."),
		}},
		{Number: 2, NameEt: "Vorm alla laaditav või veebis täidetav", NameEn: "Downloadable or fillable form", Criteria: []Criterion{
			c(2, "2.1", "Taotlusvormi saab alla laadida või veebis täita.", "The application form can be downloaded or filled in online."),
		}},
		{Number: 3, NameEt: "E-taotlus eID-ga", NameEn: "Online application with eID", Criteria: []Criterion{
			c(3, "3.1", "Taotluse saab esitada veebis pärast eID-ga autentimist riigi autentimisteenuse kaudu.",
				"The application is submitted online after eID authentication through the state authentication service."),
			c(3, "3.2", "Taotleja saab taotluse menetluse seisu veebis jälgida.", "The applicant can follow the application's status online."),
		}},
		{Number: 4, NameEt: "Täielikult veebis, andmed riigilt", NameEn: "Fully online, once-only", Criteria: []Criterion{
			c(4, "4.1", "Riigi registrites olevad andmed küsitakse registritest, mitte taotlejalt.",
				"Data the state already holds is fetched from state registers instead of being asked for."),
			c(4, "4.2", "Otsus edastatakse elektrooniliselt.", "The decision is delivered electronically."),
		}},
		{Number: 5, NameEt: "Proaktiivne", NameEn: "Proactive", Criteria: []Criterion{
			c(5, "5.1", "Omavalitsus algatab teenuse ise riigi registrisse kantud elusündmuse põhjal, ilma taotluseta.",
				"The municipality starts the service itself from a life event recorded in a state register, without an application."),
		}},
	}
}
