package need

import (
	"slices"
	"testing"
)

func TestStemJoinsForms(t *testing.T) {
	groups := [][]string{
		{"teenus", "teenuse", "teenust", "teenuses", "teenusele", "teenuste", "teenustele", "teenusest", "teenuseks"},
		{"süsteem", "süsteemi", "süsteemis", "süsteemid", "süsteemide", "süsteemidele", "SÜSTEEMIDESSE"},
		{"kasutaja", "kasutajad", "kasutajate", "kasutajale", "kasutajaga"},
		{"kool", "kooli", "koolis", "koolide"},
		{"koolitus", "koolitused", "koolituse", "koolitusi"},
		{"infoturve", "infoturbe", "infoturbest"},
		{"digitaalne", "digitaalse"},
		{"dokumendihaldus", "dokumendihaldussüsteem", "dokumendihaldussüsteemi"},
	}
	for _, g := range groups {
		want := Words(g[0])
		for _, w := range g[1:] {
			if got := Words(w); !slices.Equal(got, want) {
				t.Errorf("%s → %v, want %v (as %s)", w, got, want, g[0])
			}
		}
	}
}

func TestStemKeepsApart(t *testing.T) {
	pairs := [][2]string{
		{"kool", "koer"},
		{"teenus", "teen"},
		{"andmed", "arved"},
		{"veeb", "vesi"},
	}
	for _, p := range pairs {
		if a, b := Words(p[0]), Words(p[1]); slices.Equal(a, b) {
			t.Errorf("%s and %s both → %v", p[0], p[1], a)
		}
	}
}

func TestWordsDropsStopWordsAndShortWords(t *testing.T) {
	got := Words("Vaja on uus e-teenus ja IT süsteem, mis töötab!")
	want := []string{"uus", "teenus", "susteem", "tootab"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
