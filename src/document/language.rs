//! What a text with no metadata says about itself: its direction (the majority
//! of its strong characters) and its language (from its script), counted in one
//! pass over its characters.
//!
//! Language, for a BCP 47 tag:
//! - The script with the most letters decides: Arabic letters → an Arabic-script
//!   language, Hebrew letters → `he`; any other script, or a tie, → `und`.
//! - In Arabic script, Persian or Urdu spelling must outnumber Arabic spelling,
//!   weighed by the most telling letters there are enough of:
//!   1. the letters Arabic does not have (پ چ ژ گ, and Urdu's ٹ ڈ ڑ ں ے ۓ)
//!      against the teh marbuta ة, which Arabic writes every few words and
//!      Persian and Urdu almost never, once there are at least
//!      [`TELLING_LETTERS`] of them together (a few sentences' worth);
//!   2. else, or when those are even, the Persian forms ی and ک against the
//!      Arabic ي ى ك;
//!   3. else the letters of step 1, however few; with none at all, Arabic.
//!
//!   So the few borrowed پ or گ of an Arabic text (a name, a foreign word) never
//!   outweigh its ة, nor one borrowed letter in a short sentence its ي; an Arabic
//!   text typed with a Persian keyboard (ی, ک) stays Arabic by its ة, and a
//!   Persian one typed with an Arabic keyboard (ي, ك) stays Persian by its پ چ ژ گ.
//! - Urdu writes the Persian letters too: it is `ur` when its own letters are at
//!   least a fifth as many as the Persian ones (about half in running Urdu, none
//!   in Persian), else `fa`.

use std::sync::OnceLock;

use unicode_bidi::BidiClass;

use super::TextDirection;

/// How many of the letters Arabic lacks and of ة a text needs before they alone
/// tell Arabic from Persian or Urdu spelling.
pub const TELLING_LETTERS: usize = 4;

/// Letters and strong characters of a text, counted by what they tell.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextCounts {
    /// Strong characters (UAX #9 class L).
    pub ltr: usize,
    /// Strong right-to-left characters (classes R and AL).
    pub rtl: usize,
    /// Letters of the Arabic script (base letters, not harakat).
    pub arabic: usize,
    /// Letters of the Hebrew script (points excluded).
    pub hebrew: usize,
    /// Letters of every other script.
    pub other: usize,
    /// ة: Arabic spelling's most frequent sign.
    pub teh_marbuta: usize,
    /// ي ى ك: Arabic forms that Persian and Urdu write as ی and ک.
    pub arabic_forms: usize,
    /// پ چ ژ گ: letters Arabic does not have, common to Persian and Urdu.
    pub persian_letters: usize,
    /// ی ک: the Persian and Urdu forms of yeh and kaf.
    pub persian_forms: usize,
    /// ٹ ڈ ڑ ں ے ۓ: letters of Urdu, found in neither Arabic nor Persian.
    pub urdu_letters: usize,
}

/// Code point blocks of the Arabic script: Arabic, its Supplement, Extended-B
/// and -A, and the two presentation-form blocks.
fn is_arabic_block(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{0870}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Whether `c` is a letter, with the letters of the Arabic and Hebrew alphabets
/// answered at once (the general lookup costs more than the rest of the count).
fn is_letter(c: char) -> bool {
    match c {
        '\u{0620}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' | '\u{05D0}'..='\u{05EA}' => true,
        c => c.is_alphabetic(),
    }
}

/// Hebrew and the Hebrew presentation forms.
fn is_hebrew_block(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{05FF}' | '\u{FB1D}'..='\u{FB4F}')
}

/// What one character tells, as an index into the tally of [`TextCounts::of`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum Kind {
    Neutral,
    /// Class L, not a letter.
    LtrSign,
    /// A letter of class L (Latin, Cyrillic, CJK, ...).
    LtrLetter,
    /// Class R or AL, not a letter (Arabic punctuation such as ؟ and ؛).
    RtlSign,
    /// A right-to-left letter of another script (Syriac, Thaana, N'Ko, ...).
    RtlLetter,
    Hebrew,
    /// An Arabic-script letter that tells nothing about the language.
    Arabic,
    TehMarbuta,
    ArabicForm,
    PersianLetter,
    PersianForm,
    UrduLetter,
}

const KINDS: usize = Kind::UrduLetter as usize + 1;

/// The first code points, looked up in a table: Latin, Hebrew and Arabic
/// letters are all below it.
const TABLE_END: usize = 0x900;

fn kind_of(c: char) -> Kind {
    // A character-data lookup only; no layout state. Marks (harakat, Hebrew
    // points) are class NSM, so only letters and a few signs get past here.
    match crate::layout::levels::bidi_class(c) {
        BidiClass::L if is_letter(c) => Kind::LtrLetter,
        BidiClass::L => Kind::LtrSign,
        // AL also holds Arabic punctuation (؟ ؛) and the letters of Syriac and
        // Thaana; R those of N'Ko and others.
        BidiClass::AL | BidiClass::R if !is_letter(c) => Kind::RtlSign,
        BidiClass::AL if is_arabic_block(c) => match c {
            'ة' => Kind::TehMarbuta,
            'ي' | 'ى' | 'ك' => Kind::ArabicForm,
            'پ' | 'چ' | 'ژ' | 'گ' => Kind::PersianLetter,
            'ی' | 'ک' => Kind::PersianForm,
            'ٹ' | 'ڈ' | 'ڑ' | 'ں' | 'ے' | 'ۓ' => Kind::UrduLetter,
            _ => Kind::Arabic,
        },
        BidiClass::R if is_hebrew_block(c) => Kind::Hebrew,
        BidiClass::AL | BidiClass::R => Kind::RtlLetter,
        _ => Kind::Neutral,
    }
}

fn table() -> &'static [Kind; TABLE_END] {
    static TABLE: OnceLock<[Kind; TABLE_END]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [Kind::Neutral; TABLE_END];
        for (i, kind) in table.iter_mut().enumerate() {
            if let Some(c) = u32::try_from(i).ok().and_then(char::from_u32) {
                *kind = kind_of(c);
            }
        }
        table
    })
}

impl TextCounts {
    /// Counts the characters of `paragraphs`.
    pub fn of<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> Self {
        let table = table();
        let mut tally = [0usize; KINDS];
        for paragraph in paragraphs {
            for c in paragraph.chars() {
                let kind = match table.get(c as usize) {
                    Some(&kind) => kind,
                    None => kind_of(c),
                };
                tally[kind as usize] += 1;
            }
        }
        let n = |kind: Kind| tally[kind as usize];
        let telling = [
            Kind::TehMarbuta,
            Kind::ArabicForm,
            Kind::PersianLetter,
            Kind::PersianForm,
            Kind::UrduLetter,
        ];
        let arabic = n(Kind::Arabic) + telling.iter().map(|&k| n(k)).sum::<usize>();
        let hebrew = n(Kind::Hebrew);
        TextCounts {
            ltr: n(Kind::LtrSign) + n(Kind::LtrLetter),
            rtl: n(Kind::RtlSign) + n(Kind::RtlLetter) + hebrew + arabic,
            arabic,
            hebrew,
            other: n(Kind::LtrLetter) + n(Kind::RtlLetter),
            teh_marbuta: n(Kind::TehMarbuta),
            arabic_forms: n(Kind::ArabicForm),
            persian_letters: n(Kind::PersianLetter),
            persian_forms: n(Kind::PersianForm),
            urdu_letters: n(Kind::UrduLetter),
        }
    }

    /// The majority of strong characters; right-to-left on a tie or with none.
    pub fn direction(&self) -> TextDirection {
        if self.ltr > self.rtl {
            TextDirection::Ltr
        } else {
            TextDirection::Rtl
        }
    }

    /// The language the letters point to, as a BCP 47 tag: `ar`, `fa`, `ur`,
    /// `he`, or `und` (the rules are in this module's documentation).
    pub fn language(&self) -> &'static str {
        let (arabic, hebrew, other) = (self.arabic, self.hebrew, self.other);
        if hebrew > arabic && hebrew > other {
            return "he";
        }
        if !(arabic > hebrew && arabic > other) {
            return "und";
        }
        // Steps 1 to 3 of the module's documentation.
        let not_arabic = self.persian_letters + self.urdu_letters;
        let telling = not_arabic.cmp(&self.teh_marbuta);
        let forms = self.persian_forms.cmp(&self.arabic_forms);
        let decisive = if not_arabic + self.teh_marbuta >= TELLING_LETTERS && telling.is_ne() {
            telling
        } else if forms.is_ne() {
            forms
        } else {
            telling
        };
        let persian_spelling = decisive.is_gt();
        if !persian_spelling {
            "ar"
        } else if self.urdu_letters * 5 >= self.persian_letters + self.persian_forms {
            "ur"
        } else {
            "fa"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn language(text: &str) -> &'static str {
        TextCounts::of([text]).language()
    }

    // Running text of each language (a few sentences each, written for these
    // tests), then the cases in between.
    const ARABIC: &str = "خلال العقد الماضي، حققت مبادرة الحزام والطريق نتائج مثمرة في كازاخستان، \
        وأصبحت الدولة شريكا مهما للصين في المنطقة. وقال السفير إن التعاون في مجال الطاقة \
        والزراعة سيستمر في السنوات القادمة.";
    const PERSIAN: &str = "سفیر چین در قزاقستان گفت که همکاری دو کشور در ده سال گذشته \
        گسترش یافته است. او افزود که پروژه‌های تازه‌ای در زمینهٔ انرژی و کشاورزی در راه است.";
    const URDU: &str = "پاکستان کے وزیر اعظم نے کہا کہ ہم اپنے ملک کی ترقی کے لیے کام کر رہے ہیں۔ \
        انہوں نے بتایا کہ چین کے ساتھ تعاون بڑھ رہا ہے اور نئی سڑکیں بن رہی ہیں۔";
    const HEBREW: &str = "השגריר אמר שהשיתוף בין שתי המדינות גדל מאוד בעשור האחרון.";

    #[test]
    fn each_language_by_its_letters() {
        assert_eq!(language(ARABIC), "ar");
        assert_eq!(language(PERSIAN), "fa");
        assert_eq!(language(URDU), "ur");
        assert_eq!(language(HEBREW), "he");
        assert_eq!(language("The ambassador said that trade grew."), "und");
        assert_eq!(language("Посол сказал"), "und");
        assert_eq!(language(""), "und");
        assert_eq!(language("2013 - 31.5% ؟ ، ()"), "und");
        // Past the table of the first code points: presentation forms (shaped
        // Arabic) and CJK.
        assert_eq!(language("ﻣﺮﺣﺒﺎ ﺑﻚ ab"), "ar");
        assert_eq!(language("大使说了话 سلام"), "und");
        assert_eq!(TextCounts::of(["大使说"]).other, 3);
    }

    #[test]
    fn the_builtin_interview_is_arabic() {
        assert_eq!(
            TextCounts::of(super::super::parse::paragraphs(super::super::BUILTIN_TEXT)).language(),
            "ar"
        );
    }

    #[test]
    fn a_few_borrowed_letters_leave_arabic_arabic() {
        // Names and words from Persian, Urdu and European languages, spelt with
        // the letters Arabic lacks.
        let borrowed = format!("{ARABIC} وزار بيشاور وگوادر وتحدث عن موقع گوگل.");
        let counts = TextCounts::of([borrowed.as_str()]);
        assert_eq!(counts.persian_letters, 3, "{counts:?}");
        assert_eq!(language(&borrowed), "ar");
        // The built-in interview with a borrowed letter in every paragraph.
        let interview: Vec<String> = super::super::parse::paragraphs(super::super::BUILTIN_TEXT)
            .map(|p| format!("{p} پوتين"))
            .collect();
        assert_eq!(
            TextCounts::of(interview.iter().map(String::as_str)).language(),
            "ar"
        );
        // One borrowed letter in a short sentence with no ة: its ي decide.
        let short = TextCounts::of(["زار الرئيس پوتين الصين"]);
        assert!(short.persian_letters > short.teh_marbuta, "{short:?}");
        assert_eq!(short.language(), "ar");
        assert_eq!(language("مرحبا بك"), "ar");
        // No telling letter at all: Arabic, the script's first language.
        assert_eq!(language("سلام"), "ar");
    }

    #[test]
    fn arabic_typed_with_persian_yeh_and_kaf_stays_arabic() {
        let typed = ARABIC.replace(['ي', 'ى'], "ی").replace('ك', "ک");
        let counts = TextCounts::of([typed.as_str()]);
        assert!(
            counts.persian_forms > counts.arabic_forms + counts.teh_marbuta,
            "{counts:?}"
        );
        assert_eq!(language(&typed), "ar");
    }

    #[test]
    fn persian_typed_with_arabic_yeh_and_kaf_stays_persian() {
        let typed = PERSIAN.replace('ی', "ي").replace('ک', "ك");
        assert_eq!(language(&typed), "fa");
    }

    #[test]
    fn short_texts_fall_back_on_yeh_and_kaf() {
        // No letter Arabic lacks and no ة: the forms of yeh and kaf decide.
        assert_eq!(language("این کتاب خوب است"), "fa");
        assert_eq!(language("هذا كتاب جيد"), "ar");
        assert_eq!(language("گل"), "fa");
    }

    #[test]
    fn urdu_against_persian_with_an_urdu_name() {
        // A Persian text quoting one Urdu word stays Persian.
        assert_eq!(language(&format!("{PERSIAN} او به لاهور و پنڈی رفت.")), "fa");
        assert_eq!(language("کے"), "ur");
    }

    #[test]
    fn the_main_script_decides() {
        // An English text quoting an Arabic word, an Arabic text with English.
        assert_eq!(
            language("The word حوار means a dialogue between two people."),
            "und"
        );
        assert_eq!(
            language(&format!("{ARABIC} (Belt and Road Initiative)")),
            "ar"
        );
        assert_eq!(language(&format!("{HEBREW} עם Kazakhstan")), "he");
        // As many Arabic as Hebrew letters: undetermined.
        assert_eq!(language("שלום سلام"), "und");
        // Harakat and Hebrew points are not letters: they do not vote.
        assert_eq!(language("ab سَلَامٌ"), "ar");
        assert_eq!(language("abcd سَلَامٌ"), "und");
        // Syriac is written right to left (class AL) but is not Arabic.
        assert_eq!(language("ܫܠܡܐ ܠܟ"), "und");
    }

    #[test]
    fn direction_by_the_majority_of_strong_characters() {
        assert_eq!(
            TextCounts::of(["Hello عالم"]).direction(),
            TextDirection::Ltr
        );
        assert_eq!(TextCounts::of(["abc אבג"]).direction(), TextDirection::Rtl);
        assert_eq!(TextCounts::of(["2013"]).direction(), TextDirection::Rtl);
    }
}
