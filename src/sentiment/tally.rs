//! Adding up the sentiment of a turn: the weight of each clause, emphasis,
//! and the squash of the sum into −1…1. Shared by both languages.

/// What came before a turn (`but`, `但是`) counts this much, what follows it
/// [`AFTER_TURN`]: VADER's weights, from its human raters.
const BEFORE_TURN: f64 = 0.5;
const AFTER_TURN: f64 = 1.5;
/// "Thanks, but…" with nothing scored after the turn: the courtesy before it
/// is mostly politeness on the way to a complaint our words did not catch.
const COURTESY_BEFORE_EMPTY_TURN: f64 = 0.25;
/// Each `!` (up to four) and each of two or three `?` adds this much in the
/// direction the turn already leans (VADER's empirical figures).
const PER_EXCLAMATION: f64 = 0.292;
const MAX_EXCLAMATIONS: u32 = 4;
const PER_QUESTION: f64 = 0.18;
const MANY_QUESTIONS: f64 = 0.96;
/// A turn in capitals leans further the way it leans.
const SHOUTING: f64 = 1.25;
/// A turn with no sentiment words but `??` or SHOUTING: on a customer line,
/// that is impatience.
const AGITATION: f64 = -1.2;
/// A clause with a negation that negates no sentiment word ("it doesn't fit",
/// 没有热水) leans negative: too weakly to leave the neutral band alone.
const UNUSED_NEGATION: f64 = -0.5;
/// Likewise a dampener that dampens nothing ("a bit heavy", 有点小): people
/// hedge criticism far more often than praise.
const UNUSED_HEDGE: f64 = -0.5;
/// VADER's normalisation constant: a sum of ±3.9 maps to about ±0.7.
const ALPHA: f64 = 15.0;

/// The weighted sum of a turn's sentiment, built up sentence by sentence.
#[derive(Debug, Default)]
pub struct Tally {
    /// Sentences already finished.
    total: f64,
    /// This sentence: the part that counts less (before a turn, or a concession).
    lesser: f64,
    /// This sentence: the main part.
    main: f64,
    /// Inside a concession clause (`although …,`).
    conceding: bool,
    /// This sentence has a turn or a concession.
    turned: bool,
    /// This clause has a negation word, and whether it negated anything.
    negator: bool,
    negated: bool,
    /// This clause has a dampener (`a bit`, `有点`), and whether it dampened anything.
    hedge: bool,
    hedged: bool,
}

impl Tally {
    pub fn add(&mut self, valence: f64) {
        if self.conceding {
            self.lesser += valence;
        } else {
            self.main += valence;
        }
    }

    /// `but`, `however`, `但是`: everything so far in the sentence is the lesser part.
    pub fn turn(&mut self) {
        self.lesser += self.main;
        self.main = 0.0;
        self.conceding = false;
        self.turned = true;
    }

    /// `although`, `虽然`: the clause that follows is the lesser part.
    pub fn concede(&mut self) {
        self.conceding = true;
        self.turned = true;
    }

    pub fn saw_negator(&mut self) {
        self.negator = true;
    }

    pub fn used_negation(&mut self) {
        self.negated = true;
    }

    pub fn saw_hedge(&mut self) {
        self.hedge = true;
    }

    pub fn used_hedge(&mut self) {
        self.hedged = true;
    }

    pub fn end_clause(&mut self) {
        self.close_clause();
        self.conceding = false;
    }

    pub fn end_sentence(&mut self) {
        self.close_clause();
        self.total += self.sentence();
        *self = Tally {
            total: self.total,
            ..Tally::default()
        };
    }

    /// The sum over every sentence.
    pub fn finish(mut self) -> f64 {
        self.end_sentence();
        self.total
    }

    fn close_clause(&mut self) {
        if self.negator && !self.negated {
            self.add(UNUSED_NEGATION);
        }
        if self.hedge && !self.hedged {
            self.add(UNUSED_HEDGE);
        }
        self.negator = false;
        self.negated = false;
        self.hedge = false;
        self.hedged = false;
    }

    fn sentence(&self) -> f64 {
        if !self.turned {
            self.main + self.lesser
        } else if self.main == 0.0 && self.lesser > 0.0 {
            self.lesser * COURTESY_BEFORE_EMPTY_TURN
        } else {
            self.lesser * BEFORE_TURN + self.main * AFTER_TURN
        }
    }
}

/// Emphasis that belongs to the whole turn rather than to a word.
#[derive(Debug, Clone, Copy, Default)]
pub struct Signals {
    exclamations: u32,
    questions: u32,
    /// Written in capitals (decided by the English reader, which sees the words).
    pub shouting: bool,
}

impl Signals {
    pub fn of(text: &str) -> Signals {
        let mut signals = Signals::default();
        for c in text.chars() {
            match c {
                '!' | '！' => signals.exclamations += 1,
                '?' | '？' => signals.questions += 1,
                _ => {}
            }
        }
        signals
    }

    /// The sum of a turn whose words sum to `sum`, with its emphasis (not yet squashed).
    pub fn finish(self, sum: f64) -> f64 {
        let mut sum = sum;
        if sum == 0.0 {
            if self.shouting || self.questions >= 2 {
                sum = AGITATION;
            }
        } else {
            sum += sum.signum() * self.punctuation();
            if self.shouting {
                sum *= SHOUTING;
            }
        }
        sum
    }

    fn punctuation(self) -> f64 {
        let exclaimed = f64::from(self.exclamations.min(MAX_EXCLAMATIONS)) * PER_EXCLAMATION;
        let questioned = match self.questions {
            0 | 1 => 0.0,
            2 | 3 => f64::from(self.questions) * PER_QUESTION,
            _ => MANY_QUESTIONS,
        };
        exclaimed + questioned
    }
}

/// Squashes a sum of valences into −1…1.
pub fn normalize(sum: f64) -> f64 {
    (sum / (sum * sum + ALPHA).sqrt()).clamp(-1.0, 1.0)
}
