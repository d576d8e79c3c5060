package notify

// Training and awareness (issue 14): a person's certificate expires within 60 days; the
// municipality's editors hear of it once per certificate.
const TrainingExpiring Kind = "training_expiring"
