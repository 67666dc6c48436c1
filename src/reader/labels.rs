//! The interface's own words, one catalog per language: Arabic, Hebrew, Persian and
//! English. The interface speaks the document's language when it has a catalog for
//! it (`--lang` or the `lang` setting chooses another), English otherwise. Every
//! string here is laid out by the layout engine like the document's text: an Arabic
//! notice reads right to left, shaped, with its Latin key names in place.
//!
//! Each language is one exhaustive `match` over [`Text`], so a string added to the
//! interface cannot be forgotten in a language: the code does not compile until
//! every catalog has it.

use crate::document::passages::Item;
use crate::settings::Language;

/// Something the status bar tells the reader once, until the next key: the general
/// mechanism for messages (search results, hints, what the reader did on its own).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A search found nothing.
    NoMatch,
    /// `n` went past the last match and on to the first.
    WrappedToFirst,
    /// `N` went before the first match and on to the last.
    WrappedToLast,
    /// `n` or `N` before any search.
    NoSearch,
    /// The terminal is kitty, which mirrors right-to-left words unless kitty.conf
    /// says `force_ltr yes`: shown once, when the reader opens.
    KittyForceLtr,
    /// tmux stands between the reader and a terminal that a setting would put right
    /// (Konsole, mlterm), and does not let it through: shown once, when the reader
    /// opens. (Its words are here for main's tmux hint, which posts it.)
    TmuxPassthrough,
    /// The reader opened where it was left, in this item.
    Resumed(Item),
    /// `y` sent this item's text to the clipboard.
    Copied(Item),
    /// The text was too long for the clipboard sequence: nothing was sent.
    CopyTooLong,
    /// The file of saved positions could not be read (corrupt, unreadable, not
    /// ours): the reader opened at the top.
    StateUnreadable,
}

/// What the help overlay says a key does, one per binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Help {
    Up,
    Down,
    FocusNext,
    FocusPrevious,
    FocusLeft,
    FocusRight,
    ReadAnswer,
    PageUp,
    PageDown,
    First,
    Last,
    NextQuestion,
    PreviousQuestion,
    Jump,
    Search,
    NextMatch,
    PreviousMatch,
    Copy,
    ToggleHelp,
    Suspend,
    Escape,
    Quit,
    // The search prompt's keys.
    Submit,
    Cancel,
    DeleteBack,
    DeleteForward,
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    Clear,
}

/// Every fixed string of the interface. Those with `{}` take one value (a query, a
/// question's number).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Questions,
    Answer,
    Intro,
    /// The list pane's title when it lists a document's sections.
    Contents,
    /// The text pane's title for a section.
    Section,
    /// Section `{}` (a number), in notices.
    SectionNumber,
    /// Shown instead of the panes when the terminal is too small.
    TooSmall,
    /// Below the end of an answer: nothing follows.
    EndMark,
    /// The help overlay's title.
    KeysTitle,
    /// The key hints of the status bar.
    Hints,
    /// The key hints beside the search prompt.
    PromptHints,
    /// Question `{}` (a number), in notices.
    QuestionNumber,
    /// The introduction, in notices.
    TheIntro,
    NoMatch,
    WrappedToFirst,
    WrappedToLast,
    NoSearch,
    KittyHint,
    TmuxHint,
    /// `{}`: where the reader resumed (question N, the introduction).
    Resumed,
    /// `{}`: what was copied.
    Copied,
    CopyTooLong,
    StateUnreadable,
    Help(Help),
}

/// The search prompt's sign, at the reading-start end of the status bar.
pub const PROMPT: &str = "/";

/// The interface's words in one language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Labels {
    pub language: Language,
}

impl Labels {
    pub fn new(language: Language) -> Self {
        Labels { language }
    }

    /// The interface for a document in `tag`, as `--lang auto` chooses it.
    pub fn for_language(tag: &str) -> Self {
        Labels::new(Language::for_document(tag))
    }

    pub fn text(&self, text: Text) -> &'static str {
        match self.language {
            Language::En => english(text),
            Language::Ar => arabic(text),
            Language::He => hebrew(text),
            Language::Fa => persian(text),
        }
    }

    pub fn help(&self, help: Help) -> &'static str {
        self.text(Text::Help(help))
    }

    /// An item named in a notice: question N, or the introduction.
    fn place(&self, item: Item) -> String {
        match item {
            Item::Intro => self.text(Text::TheIntro).to_string(),
            Item::Question(i) => fill(self.text(Text::QuestionNumber), &(i + 1).to_string()),
            Item::Section(i) => fill(self.text(Text::SectionNumber), &(i + 1).to_string()),
        }
    }

    /// A notice's words; `query` is the search's, for the notices that name it.
    pub fn notice(&self, notice: Notice, query: &str) -> String {
        match notice {
            Notice::NoMatch => fill(self.text(Text::NoMatch), query),
            Notice::WrappedToFirst => self.text(Text::WrappedToFirst).into(),
            Notice::WrappedToLast => self.text(Text::WrappedToLast).into(),
            Notice::NoSearch => self.text(Text::NoSearch).into(),
            Notice::KittyForceLtr => self.text(Text::KittyHint).into(),
            Notice::TmuxPassthrough => self.text(Text::TmuxHint).into(),
            Notice::Resumed(item) => fill(self.text(Text::Resumed), &self.place(item)),
            Notice::Copied(item) => fill(self.text(Text::Copied), &self.place(item)),
            Notice::CopyTooLong => self.text(Text::CopyTooLong).into(),
            Notice::StateUnreadable => self.text(Text::StateUnreadable).into(),
        }
    }
}

/// `template` with its `{}` replaced by `value`.
fn fill(template: &str, value: &str) -> String {
    template.replacen("{}", value, 1)
}

fn english(text: Text) -> &'static str {
    match text {
        Text::Questions => "Questions",
        Text::Contents => "Contents",
        Text::Section => "Section",
        Text::SectionNumber => "section {}",
        Text::Answer => "Answer",
        Text::Intro => "Introduction",
        Text::TooSmall => "Window too small",
        Text::EndMark => "— end —",
        Text::KeysTitle => "keys",
        Text::Hints => "↑↓ move  Tab pane  / search  ? keys  q quit",
        Text::PromptHints => "Enter search  Esc cancel",
        Text::QuestionNumber => "question {}",
        Text::TheIntro => "the introduction",
        Text::NoMatch => "no match: {}",
        Text::WrappedToFirst => "passed the last match: back to the first",
        Text::WrappedToLast => "passed the first match: on to the last",
        Text::NoSearch => "no search yet: / searches",
        Text::KittyHint => "kitty mirrors right-to-left words: add force_ltr yes to kitty.conf",
        Text::TmuxHint => "for this terminal's text add set -g allow-passthrough on to tmux.conf",
        Text::Resumed => "back where you left off: {}",
        Text::Copied => "copied to the clipboard: {}",
        Text::CopyTooLong => "too long to copy",
        Text::StateUnreadable => "saved positions unreadable: opened at the top",
        Text::Help(help) => match help {
            Help::Up => "previous question / scroll up",
            Help::Down => "next question / scroll down",
            Help::FocusNext => "switch pane",
            Help::FocusPrevious => "switch pane back",
            Help::FocusLeft => "focus the pane on the left",
            Help::FocusRight => "focus the pane on the right",
            Help::ReadAnswer => "read the answer",
            Help::PageUp => "page the answer up",
            Help::PageDown => "page the answer down, then the next question",
            Help::First => "first question / top of the answer",
            Help::Last => "last question / end of the answer",
            Help::NextQuestion => "next question, from anywhere",
            Help::PreviousQuestion => "previous question, from anywhere",
            Help::Jump => "go to that question",
            Help::Search => "search (Enter searches, Esc cancels)",
            Help::NextMatch => "next match",
            Help::PreviousMatch => "previous match",
            Help::Copy => "copy the question and answer (text, not screen)",
            Help::ToggleHelp => "show or hide these keys",
            Help::Suspend => "suspend to the shell (fg resumes)",
            Help::Escape => "close this help",
            Help::Quit => "quit",
            Help::Submit => "search (an empty query repeats the last)",
            Help::Cancel => "cancel",
            Help::DeleteBack => "delete the character before the cursor",
            Help::DeleteForward => "delete the character after the cursor",
            Help::CursorLeft => "cursor left (forward in an Arabic query)",
            Help::CursorRight => "cursor right (back in an Arabic query)",
            Help::CursorHome => "start of the query",
            Help::CursorEnd => "end of the query",
            Help::Clear => "clear the query",
        },
    }
}

fn arabic(text: Text) -> &'static str {
    match text {
        Text::Questions => "الأسئلة",
        Text::Contents => "المحتويات",
        Text::Section => "القسم",
        Text::SectionNumber => "القسم {}",
        Text::Answer => "الإجابة",
        Text::Intro => "مقدمة",
        Text::TooSmall => "النافذة صغيرة جدًا",
        Text::EndMark => "— انتهى —",
        Text::KeysTitle => "المفاتيح",
        Text::Hints => "↑↓ تنقّل  Tab لوحة  / بحث  ? مفاتيح  q خروج",
        Text::PromptHints => "Enter بحث  Esc إلغاء",
        Text::QuestionNumber => "السؤال {}",
        Text::TheIntro => "المقدمة",
        Text::NoMatch => "لا نتائج: {}",
        Text::WrappedToFirst => "بعد آخر نتيجة: عودة إلى الأولى",
        Text::WrappedToLast => "قبل أول نتيجة: انتقال إلى الأخيرة",
        Text::NoSearch => "لا بحث بعد: / للبحث",
        Text::KittyHint => "لعرض العربية صحيحة في كيتي أضف force_ltr yes إلى ملف kitty.conf",
        Text::TmuxHint => {
            "لعرض العربية صحيحة عبر tmux أضف set -g allow-passthrough on إلى tmux.conf"
        }
        Text::Resumed => "عودة إلى حيث توقفت: {}",
        Text::Copied => "نُسخ إلى الحافظة: {}",
        Text::CopyTooLong => "النص أطول من أن يُنسخ",
        Text::StateUnreadable => "تعذّرت قراءة المواضع المحفوظة: الفتح من البداية",
        Text::Help(help) => match help {
            Help::Up => "السؤال السابق / تمرير لأعلى",
            Help::Down => "السؤال التالي / تمرير لأسفل",
            Help::FocusNext => "التبديل بين اللوحتين",
            Help::FocusPrevious => "التبديل بين اللوحتين عكسيًا",
            Help::FocusLeft => "اللوحة اليسرى",
            Help::FocusRight => "اللوحة اليمنى",
            Help::ReadAnswer => "قراءة الإجابة",
            Help::PageUp => "صفحة لأعلى في الإجابة",
            Help::PageDown => "صفحة لأسفل، ثم السؤال التالي",
            Help::First => "السؤال الأول / بداية الإجابة",
            Help::Last => "السؤال الأخير / نهاية الإجابة",
            Help::NextQuestion => "السؤال التالي من أي مكان",
            Help::PreviousQuestion => "السؤال السابق من أي مكان",
            Help::Jump => "الانتقال إلى ذلك السؤال",
            Help::Search => "بحث (Enter للبحث، Esc للإلغاء)",
            Help::NextMatch => "النتيجة التالية",
            Help::PreviousMatch => "النتيجة السابقة",
            Help::Copy => "نسخ السؤال والإجابة (النص لا الشاشة)",
            Help::ToggleHelp => "إظهار هذه المفاتيح أو إخفاؤها",
            Help::Suspend => "إيقاف مؤقت إلى الطرفية (fg للعودة)",
            Help::Escape => "إغلاق هذه المساعدة",
            Help::Quit => "خروج",
            Help::Submit => "بحث (الاستعلام الفارغ يعيد آخر بحث)",
            Help::Cancel => "إلغاء",
            Help::DeleteBack => "حذف الحرف قبل المؤشر",
            Help::DeleteForward => "حذف الحرف بعد المؤشر",
            Help::CursorLeft => "المؤشر يسارًا (تقدّم في استعلام عربي)",
            Help::CursorRight => "المؤشر يمينًا (رجوع في استعلام عربي)",
            Help::CursorHome => "بداية الاستعلام",
            Help::CursorEnd => "نهاية الاستعلام",
            Help::Clear => "مسح الاستعلام",
        },
    }
}

fn hebrew(text: Text) -> &'static str {
    match text {
        Text::Questions => "שאלות",
        Text::Contents => "תוכן",
        Text::Section => "פרק",
        Text::SectionNumber => "פרק {}",
        Text::Answer => "תשובה",
        Text::Intro => "מבוא",
        Text::TooSmall => "החלון קטן מדי",
        Text::EndMark => "— סוף —",
        Text::KeysTitle => "מקשים",
        Text::Hints => "↑↓ מעבר  Tab חלונית  / חיפוש  ? מקשים  q יציאה",
        Text::PromptHints => "Enter חיפוש  Esc ביטול",
        Text::QuestionNumber => "שאלה {}",
        Text::TheIntro => "המבוא",
        Text::NoMatch => "אין תוצאות: {}",
        Text::WrappedToFirst => "אחרי התוצאה האחרונה: חזרה לראשונה",
        Text::WrappedToLast => "לפני התוצאה הראשונה: מעבר לאחרונה",
        Text::NoSearch => "אין חיפוש עדיין: / לחיפוש",
        Text::KittyHint => "כדי לראות עברית נכון בתוך kitty הוסיפו force_ltr yes לקובץ kitty.conf",
        Text::TmuxHint => {
            "כדי לראות עברית נכון דרך tmux הוסיפו set -g allow-passthrough on לקובץ tmux.conf"
        }
        Text::Resumed => "חזרה למקום שבו עצרת: {}",
        Text::Copied => "הועתק ללוח: {}",
        Text::CopyTooLong => "ארוך מכדי להעתיק",
        Text::StateUnreadable => "אי אפשר לקרוא את המקומות השמורים: נפתח מההתחלה",
        Text::Help(help) => match help {
            Help::Up => "השאלה הקודמת / גלילה למעלה",
            Help::Down => "השאלה הבאה / גלילה למטה",
            Help::FocusNext => "מעבר בין החלוניות",
            Help::FocusPrevious => "מעבר בין החלוניות לאחור",
            Help::FocusLeft => "החלונית השמאלית",
            Help::FocusRight => "החלונית הימנית",
            Help::ReadAnswer => "קריאת התשובה",
            Help::PageUp => "עמוד למעלה בתשובה",
            Help::PageDown => "עמוד למטה, ואז השאלה הבאה",
            Help::First => "השאלה הראשונה / תחילת התשובה",
            Help::Last => "השאלה האחרונה / סוף התשובה",
            Help::NextQuestion => "השאלה הבאה מכל מקום",
            Help::PreviousQuestion => "השאלה הקודמת מכל מקום",
            Help::Jump => "מעבר לשאלה הזו",
            Help::Search => "חיפוש (Enter מחפש, Esc מבטל)",
            Help::NextMatch => "התוצאה הבאה",
            Help::PreviousMatch => "התוצאה הקודמת",
            Help::Copy => "העתקת השאלה והתשובה (הטקסט, לא המסך)",
            Help::ToggleHelp => "הצגה או הסתרה של המקשים",
            Help::Suspend => "השהיה למעטפת (fg חוזר)",
            Help::Escape => "סגירת העזרה",
            Help::Quit => "יציאה",
            Help::Submit => "חיפוש (שאילתה ריקה חוזרת על האחרונה)",
            Help::Cancel => "ביטול",
            Help::DeleteBack => "מחיקת התו שלפני הסמן",
            Help::DeleteForward => "מחיקת התו שאחרי הסמן",
            Help::CursorLeft => "הסמן שמאלה (קדימה בשאילתה בעברית)",
            Help::CursorRight => "הסמן ימינה (אחורה בשאילתה בעברית)",
            Help::CursorHome => "תחילת השאילתה",
            Help::CursorEnd => "סוף השאילתה",
            Help::Clear => "ניקוי השאילתה",
        },
    }
}

fn persian(text: Text) -> &'static str {
    match text {
        Text::Questions => "پرسش‌ها",
        Text::Contents => "فهرست",
        Text::Section => "بخش",
        Text::SectionNumber => "بخش {}",
        Text::Answer => "پاسخ",
        Text::Intro => "پیش‌گفتار",
        Text::TooSmall => "پنجره خیلی کوچک است",
        Text::EndMark => "— پایان —",
        Text::KeysTitle => "کلیدها",
        Text::Hints => "↑↓ جابه‌جایی  Tab پنل  / جستجو  ? کلیدها  q خروج",
        Text::PromptHints => "Enter جستجو  Esc لغو",
        Text::QuestionNumber => "پرسش {}",
        Text::TheIntro => "پیش‌گفتار",
        Text::NoMatch => "چیزی یافت نشد: {}",
        Text::WrappedToFirst => "پس از آخرین نتیجه: بازگشت به نخستین",
        Text::WrappedToLast => "پیش از نخستین نتیجه: رفتن به آخرین",
        Text::NoSearch => "هنوز جستجویی نشده: / برای جستجو",
        Text::KittyHint => {
            "برای نمایش درست فارسی در kitty، force_ltr yes را به kitty.conf بیفزایید"
        }
        Text::TmuxHint => {
            "برای نمایش درست فارسی از راه tmux، set -g allow-passthrough on را به tmux.conf بیفزایید"
        }
        Text::Resumed => "بازگشت به جایی که مانده بودید: {}",
        Text::Copied => "در کلیپ‌بورد رونوشت شد: {}",
        Text::CopyTooLong => "برای رونوشت بسیار بلند است",
        Text::StateUnreadable => "جاهای ذخیره‌شده خوانده نشد: از آغاز باز شد",
        Text::Help(help) => match help {
            Help::Up => "پرسش پیشین / پیمایش به بالا",
            Help::Down => "پرسش بعدی / پیمایش به پایین",
            Help::FocusNext => "جابه‌جایی میان پنل‌ها",
            Help::FocusPrevious => "جابه‌جایی میان پنل‌ها به عقب",
            Help::FocusLeft => "پنل چپ",
            Help::FocusRight => "پنل راست",
            Help::ReadAnswer => "خواندن پاسخ",
            Help::PageUp => "یک صفحه بالا در پاسخ",
            Help::PageDown => "یک صفحه پایین، سپس پرسش بعدی",
            Help::First => "نخستین پرسش / آغاز پاسخ",
            Help::Last => "آخرین پرسش / پایان پاسخ",
            Help::NextQuestion => "پرسش بعدی از هر جا",
            Help::PreviousQuestion => "پرسش پیشین از هر جا",
            Help::Jump => "رفتن به آن پرسش",
            Help::Search => "جستجو (Enter جستجو، Esc لغو)",
            Help::NextMatch => "نتیجهٔ بعدی",
            Help::PreviousMatch => "نتیجهٔ پیشین",
            Help::Copy => "رونوشت پرسش و پاسخ (متن، نه صفحه)",
            Help::ToggleHelp => "نمایش یا پنهان کردن این کلیدها",
            Help::Suspend => "تعلیق به پوسته (fg بازمی‌گرداند)",
            Help::Escape => "بستن این راهنما",
            Help::Quit => "خروج",
            Help::Submit => "جستجو (پرسوجوی خالی آخرین را تکرار می‌کند)",
            Help::Cancel => "لغو",
            Help::DeleteBack => "پاک کردن نویسهٔ پیش از مکان‌نما",
            Help::DeleteForward => "پاک کردن نویسهٔ پس از مکان‌نما",
            Help::CursorLeft => "مکان‌نما به چپ (جلو در پرسوجوی فارسی)",
            Help::CursorRight => "مکان‌نما به راست (عقب در پرسوجوی فارسی)",
            Help::CursorHome => "آغاز پرسوجو",
            Help::CursorEnd => "پایان پرسوجو",
            Help::Clear => "پاک کردن پرسوجو",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::LangChoice;

    #[test]
    fn the_document_language_chooses_the_catalog() {
        assert_eq!(Language::for_document("ar"), Language::Ar);
        assert_eq!(Language::for_document("ar-EG"), Language::Ar);
        assert_eq!(Language::for_document("he"), Language::He);
        assert_eq!(Language::for_document("iw"), Language::He);
        assert_eq!(Language::for_document("fa-IR"), Language::Fa);
        assert_eq!(Language::for_document("ur"), Language::En);
        assert_eq!(Language::for_document("und"), Language::En);
        assert_eq!(Language::for_document("arz"), Language::En, "not ar");
        assert_eq!(LangChoice::He.resolve("ar"), Language::He);
        assert_eq!(LangChoice::Auto.resolve("fa"), Language::Fa);
    }

    #[test]
    fn notices_fill_in_their_value_in_each_language() {
        let ar = Labels::new(Language::Ar);
        assert_eq!(
            ar.notice(Notice::Resumed(Item::Question(3)), ""),
            "عودة إلى حيث توقفت: السؤال 4"
        );
        assert_eq!(ar.notice(Notice::NoMatch, "سلام"), "لا نتائج: سلام");
        let en = Labels::new(Language::En);
        assert_eq!(
            en.notice(Notice::Copied(Item::Intro), ""),
            "copied to the clipboard: the introduction"
        );
        let he = Labels::new(Language::He);
        assert_eq!(
            he.notice(Notice::Resumed(Item::Question(0)), ""),
            "חזרה למקום שבו עצרת: שאלה 1"
        );
    }

    #[test]
    fn the_right_to_left_catalogs_have_their_own_script() {
        // Each catalog's words are in its script (key names and file names aside):
        // a string copied from English by mistake shows up here.
        let letters = |s: &str, range: std::ops::RangeInclusive<char>| {
            s.chars().filter(|c| range.contains(c)).count()
        };
        let every = [
            Text::Questions,
            Text::Answer,
            Text::Intro,
            Text::Contents,
            Text::Section,
            Text::SectionNumber,
            Text::TooSmall,
            Text::EndMark,
            Text::KeysTitle,
            Text::Hints,
            Text::PromptHints,
            Text::NoMatch,
            Text::WrappedToFirst,
            Text::WrappedToLast,
            Text::NoSearch,
            Text::Resumed,
            Text::Copied,
            Text::CopyTooLong,
            Text::StateUnreadable,
            Text::KittyHint,
            Text::TmuxHint,
            Text::Help(Help::Up),
            Text::Help(Help::Copy),
            Text::Help(Help::Quit),
            Text::Help(Help::Clear),
        ];
        for text in every {
            assert!(letters(arabic(text), '\u{600}'..='\u{6FF}') > 0, "{text:?}");
            assert!(
                letters(persian(text), '\u{600}'..='\u{6FF}') > 0,
                "{text:?}"
            );
            assert!(letters(hebrew(text), '\u{5D0}'..='\u{5EA}') > 0, "{text:?}");
        }
    }
}
