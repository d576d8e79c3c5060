package need

// maxChain bounds how far a trace follows duplicates, whatever the data holds.
const maxChain = 20

// DuplicateChain is the chain of needs n repeats, nearest first: the need it is marked a
// duplicate of, the one that need repeats if it is a duplicate too, and so on. It stops
// at a need that is no duplicate, one that lookup does not find, or one already in the
// chain, since two needs may each have been marked a duplicate of the other.
func DuplicateChain(n Need, lookup func(id int64) (Need, bool)) []Need {
	var chain []Need
	seen := map[int64]bool{n.ID: true}
	for n.State == Duplicate && n.DuplicateOf != nil && len(chain) < maxChain {
		next, ok := lookup(*n.DuplicateOf)
		if !ok || seen[next.ID] {
			break
		}
		seen[next.ID] = true
		chain = append(chain, next)
		n = next
	}
	return chain
}

// Summary is what someone who may not read a need is shown of it in another need's
// trace: which municipality's it is and where it stands, without its texts and contacts.
func (n Need) Summary() Need {
	return Need{ID: n.ID, MunicipalityEHAK: n.MunicipalityEHAK, Category: n.Category, State: n.State,
		DuplicateOf: n.DuplicateOf, ConsolidatedID: n.ConsolidatedID, ServiceCodes: []string{}}
}
