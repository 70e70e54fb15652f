//! Word lists of the attribution rules, in one place.
//!
//! Sources: the reporting verbs and cue phrases of PARC 3.0 (Pareti 2016) and
//! PolNeAR (Newell, Margolin & Ruths 2018), ranked by how often annotators
//! marked them as Cue in the PolNeAR *train* split (word counts only; no text
//! is copied), plus standard English function-word lists.

/// How a cue word takes its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueClass {
    /// A speech verb, finite ("said", "says", "added", "warned").
    Say,
    /// A verb whose object is the addressee before the content ("told reporters that").
    Tell,
    /// A present participle after a comma ("…, saying that …"): its source is
    /// the subject of the main clause.
    Participle,
    /// A cognition verb ("believes", "thinks"): a cue only before a clause.
    Think,
    /// "called": a cue when followed (closely) by a quotation or "for".
    Call,
    /// A verb of stance or request taking an object or infinitive as its
    /// content ("declined to comment", "urged X to …", "criticized X for …",
    /// "endorsed X"), PolNeAR's broad notion of attribution; the content runs
    /// to the next comma or the end of the sentence.
    Object,
}

/// Cue words (lower case) and their class.
pub const CUES: &[(&str, CueClass)] = &[
    ("said", CueClass::Say),
    ("says", CueClass::Say),
    ("say", CueClass::Say),
    ("added", CueClass::Say),
    ("adds", CueClass::Say),
    ("wrote", CueClass::Say),
    ("writes", CueClass::Say),
    ("noted", CueClass::Say),
    ("notes", CueClass::Say),
    ("reported", CueClass::Say),
    ("reports", CueClass::Say),
    ("announced", CueClass::Say),
    ("announces", CueClass::Say),
    ("suggested", CueClass::Say),
    ("suggests", CueClass::Say),
    ("argued", CueClass::Say),
    ("argues", CueClass::Say),
    ("argue", CueClass::Say),
    ("tweeted", CueClass::Say),
    ("continued", CueClass::Say),
    ("acknowledged", CueClass::Say),
    ("acknowledges", CueClass::Say),
    ("explained", CueClass::Say),
    ("explains", CueClass::Say),
    ("declared", CueClass::Say),
    ("stated", CueClass::Say),
    ("states", CueClass::Say),
    ("claimed", CueClass::Say),
    ("claims", CueClass::Say),
    ("claim", CueClass::Say),
    ("warned", CueClass::Say),
    ("warns", CueClass::Say),
    ("insisted", CueClass::Say),
    ("insists", CueClass::Say),
    ("stressed", CueClass::Say),
    ("stresses", CueClass::Say),
    ("emphasized", CueClass::Say),
    ("emphasised", CueClass::Say),
    ("recalled", CueClass::Say),
    ("recalls", CueClass::Say),
    ("replied", CueClass::Say),
    ("responded", CueClass::Say),
    ("concluded", CueClass::Say),
    ("agreed", CueClass::Say),
    ("predicted", CueClass::Say),
    ("predicts", CueClass::Say),
    ("conceded", CueClass::Say),
    ("confirmed", CueClass::Say),
    ("confirms", CueClass::Say),
    ("denied", CueClass::Say),
    ("admitted", CueClass::Say),
    ("revealed", CueClass::Say),
    ("indicated", CueClass::Say),
    ("asserted", CueClass::Say),
    ("contended", CueClass::Say),
    ("maintained", CueClass::Say),
    ("complained", CueClass::Say),
    ("countered", CueClass::Say),
    ("observed", CueClass::Say),
    ("remarked", CueClass::Say),
    ("promised", CueClass::Say),
    ("promises", CueClass::Say),
    ("vowed", CueClass::Say),
    ("pledged", CueClass::Say),
    ("alleged", CueClass::Say),
    ("alleges", CueClass::Say),
    ("testified", CueClass::Say),
    ("estimated", CueClass::Say),
    ("estimates", CueClass::Say),
    ("explained", CueClass::Say),
    ("asked", CueClass::Say),
    ("asks", CueClass::Say),
    ("found", CueClass::Think),
    ("finds", CueClass::Think),
    ("shows", CueClass::Think),
    ("showed", CueClass::Think),
    ("show", CueClass::Think),
    ("told", CueClass::Tell),
    ("tells", CueClass::Tell),
    ("tell", CueClass::Tell),
    ("informed", CueClass::Tell),
    ("assured", CueClass::Tell),
    ("reminded", CueClass::Tell),
    ("saying", CueClass::Participle),
    ("adding", CueClass::Participle),
    ("noting", CueClass::Participle),
    ("arguing", CueClass::Participle),
    ("explaining", CueClass::Participle),
    ("warning", CueClass::Participle),
    ("insisting", CueClass::Participle),
    ("claiming", CueClass::Participle),
    ("suggesting", CueClass::Participle),
    ("stressing", CueClass::Participle),
    ("acknowledging", CueClass::Participle),
    ("calling", CueClass::Participle),
    ("declaring", CueClass::Participle),
    ("telling", CueClass::Participle),
    ("believes", CueClass::Think),
    ("believe", CueClass::Think),
    ("believed", CueClass::Think),
    ("thinks", CueClass::Think),
    ("think", CueClass::Think),
    ("hopes", CueClass::Think),
    ("fears", CueClass::Think),
    ("worries", CueClass::Think),
    ("expects", CueClass::Think),
    ("knows", CueClass::Think),
    ("described", CueClass::Object),
    ("describes", CueClass::Object),
    ("declined", CueClass::Object),
    ("declines", CueClass::Object),
    ("endorsed", CueClass::Object),
    ("endorses", CueClass::Object),
    ("criticized", CueClass::Object),
    ("criticizes", CueClass::Object),
    ("criticised", CueClass::Object),
    ("accused", CueClass::Object),
    ("accuses", CueClass::Object),
    ("urged", CueClass::Object),
    ("urges", CueClass::Object),
    ("wants", CueClass::Object),
    ("wanted", CueClass::Object),
    ("praised", CueClass::Object),
    ("praises", CueClass::Object),
    ("defended", CueClass::Object),
    ("defends", CueClass::Object),
    ("opposed", CueClass::Object),
    ("opposes", CueClass::Object),
    ("proposed", CueClass::Object),
    ("proposes", CueClass::Object),
    ("refused", CueClass::Object),
    ("refuses", CueClass::Object),
    ("sought", CueClass::Object),
    ("seeks", CueClass::Object),
    ("dismissed", CueClass::Object),
    ("dismisses", CueClass::Object),
    ("rejected", CueClass::Object),
    ("rejects", CueClass::Object),
    ("blamed", CueClass::Object),
    ("blames", CueClass::Object),
    ("denounced", CueClass::Object),
    ("denounces", CueClass::Object),
    ("condemned", CueClass::Object),
    ("condemns", CueClass::Object),
    ("slammed", CueClass::Object),
    ("slams", CueClass::Object),
    ("attacked", CueClass::Object),
    ("questioned", CueClass::Object),
    ("questions", CueClass::Object),
    ("cited", CueClass::Object),
    ("cites", CueClass::Object),
    ("welcomed", CueClass::Object),
    ("mocked", CueClass::Object),
    ("demanded", CueClass::Object),
    ("demands", CueClass::Object),
    ("recommended", CueClass::Object),
    ("touted", CueClass::Object),
    ("touts", CueClass::Object),
    ("backed", CueClass::Object),
    ("lauded", CueClass::Object),
    ("decried", CueClass::Object),
    ("derided", CueClass::Object),
    ("hailed", CueClass::Object),
    ("blasted", CueClass::Object),
    ("lambasted", CueClass::Object),
    ("chided", CueClass::Object),
    ("faulted", CueClass::Object),
    ("credited", CueClass::Object),
    ("thanked", CueClass::Object),
    ("congratulated", CueClass::Object),
    ("challenged", CueClass::Object),
    ("threatened", CueClass::Object),
    ("supported", CueClass::Object),
    ("citing", CueClass::Object),
    ("describing", CueClass::Object),
    ("urging", CueClass::Object),
    ("accusing", CueClass::Object),
    ("criticizing", CueClass::Object),
    ("praising", CueClass::Object),
    ("blaming", CueClass::Object),
    ("referring", CueClass::Object),
    ("called", CueClass::Call),
    ("calls", CueClass::Call),
];

/// Two-word cues: (first, second) lower case, e.g. "expressed hope".
pub const CUE_PAIRS: &[(&str, &str)] = &[
    ("expressed", "hope"),
    ("expressed", "concern"),
    ("expressed", "confidence"),
    ("voiced", "hope"),
    ("voiced", "concern"),
    ("pointed", "out"),
    ("made", "clear"),
    ("called", "for"),
    ("calls", "for"),
    ("called", "on"),
    ("put", "it"),
    ("referring", "to"),
    ("referred", "to"),
    ("pointed", "to"),
    ("talked", "about"),
    ("spoke", "about"),
    ("asked", "about"),
    ("puts", "it"),
];

/// Words between a source and its verb that belong to neither ("has also said").
pub const CUE_MODIFIERS: &[&str] = &[
    "also",
    "has",
    "have",
    "had",
    "was",
    "is",
    "are",
    "were",
    "will",
    "would",
    "could",
    "may",
    "might",
    "did",
    "does",
    "do",
    "reportedly",
    "previously",
    "recently",
    "later",
    "then",
    "often",
    "once",
    "repeatedly",
    "publicly",
    "privately",
    "further",
    "again",
    "just",
    "already",
    "still",
    "never",
    "not",
    "n't",
    "always",
    "frequently",
    "earlier",
    "simply",
    "flatly",
    "firmly",
    "quickly",
    "immediately",
    "bluntly",
    "openly",
    "even",
    "now",
    "long",
    "herself",
    "himself",
    "themselves",
    "itself",
    "only",
    "initially",
    "first",
    "finally",
];

/// Personal pronouns that are whole source mentions.
pub const PRONOUNS: &[&str] = &["he", "she", "they", "i", "we", "it", "you"];

/// Words that end a source noun phrase scanned leftwards (clause and phrase
/// boundaries: conjunctions, relativisers, prepositions that open adjuncts,
/// copulas, negation).
pub const NP_STOP: &[&str] = &[
    "that", "which", "who", "whom", "whose", "and", "but", "or", "nor", "because", "if", "when",
    "while", "as", "after", "before", "since", "than", "so", "though", "although", "whether",
    "where", "why", "how", "what", "is", "are", "was", "were", "be", "been", "being", "has",
    "have", "had", "to", "not", "said", "says", "say", "told", "by", "on", "into", "about", "over",
    "under", "during", "until", "then", "also", "yet", "however", "there", "here", "it", "he",
    "she", "they", "we", "i", "you", "him", "them", "us", "me", "would", "will", "could", "should",
    "can", "may", "might", "must", "do", "does", "did", "no", "yes", "all", "when", "once", "even",
    "just", "only", "now", "than", "like", "unlike", "despite", "against", "without", "within",
    "through",
];

/// Words a source noun phrase may not start with (trimmed from its left edge).
pub const NP_LEADING_TRIM: &[&str] = &["of", "for", "at", "from", "with", "in"];

/// Words that may precede a name inside a leftward-scanned phrase after an
/// abbreviation dot ("Mr.", "Sen."): the dot does not end the phrase.
pub const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "prof", "st",
    "jr", "sr", "rev", "u.s", "u.n", "d.c", "u.k",
];

/// Words that, after a verb, start an adjunct to skip before the content
/// ("said on Monday it would…", "said last week that…").
pub const ADJUNCT_STARTS: &[&str] = &[
    "on",
    "last",
    "this",
    "earlier",
    "yesterday",
    "today",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "in",
    "at",
    "during",
    "late",
    "previously",
    "recently",
    "again",
    "also",
    "privately",
    "publicly",
    "repeatedly",
    "then",
];

/// Maximum tokens of a source noun phrase.
pub const MAX_SOURCE_TOKENS: usize = 9;

/// Maximum tokens after a cue within which a "that" still opens the content.
pub const MAX_THAT_DISTANCE: usize = 10;

/// Maximum tokens of a trailer ("…, a spokesman for the company said on Monday.").
pub const MAX_TRAILER_TOKENS: usize = 16;

/// Minimum word tokens of indirect content.
pub const MIN_CONTENT_WORDS: usize = 3;

/// Verbs that attribute a quotation in a trailer ("…," it read) though they
/// are not speech verbs elsewhere.
pub const TRAILER_VERBS: &[&str] = &[
    "read", "began", "went", "put", "shot", "wrote", "began", "quipped", "joked", "laughed",
    "shouted", "yelled", "cried", "exclaimed", "whispered", "boomed", "snapped", "sang",
    "chanted", "tweeted", "posted", "continued", "mused", "deadpanned", "scoffed",
];

/// Words that may follow a trailer verb without opening its content
/// ("…, X said of the plan", "…, X told reporters").
pub const TRAILER_ADJUNCTS: &[&str] = &[
    "of", "to", "after", "before", "while", "when", "about", "with", "via", "from", "by",
    "recently", "afterward", "afterwards", "later", "reporters", "told", "over", "outside",
];

/// Cue words that are also common nouns or adjectives ("member states",
/// "pledged delegates", "reported cases"): cues only before a clause.
pub const NEEDS_CLAUSE: &[&str] = &[
    "states", "claim", "claims", "notes", "reports", "reported", "pledged", "maintained",
    "confirmed", "revealed", "agreed", "found", "finds", "show", "shows", "showed", "estimates",
    "promises", "alleged", "indicated",
];

/// Words that cannot open indirect content: a verb followed by one of them
/// takes an adjunct, not a reported clause ("said in a statement", "confirmed
/// by the Senate"). Complements PolNeAR does annotate ("agreed to …",
/// "asked about …") are not listed.
pub const NOT_CONTENT_START: &[&str] = &[
    "in", "by", "at", "on", "during", "last", "earlier", "yesterday", "today", "via", "through",
];
