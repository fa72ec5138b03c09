//! Names for the people on the simulated floor: agents, and callers as a
//! platform would show them (a name from the CRM, or a masked number).
//! English and Chinese, so that wide characters reach the screen.
//! Owns the word lists and their formatting, nothing random: callers'
//! identities are drawn in `caller` and stored compactly as [`CallerIdentity`].

const ENGLISH_GIVEN: [&str; 40] = [
    "Olivia", "Jack", "Amelia", "Harry", "Isla", "Oscar", "Ava", "George", "Mia", "Noah", "Grace",
    "Leo", "Sophie", "Arthur", "Chloe", "Thomas", "Ella", "James", "Lily", "Samuel", "Emily",
    "Joseph", "Freya", "Daniel", "Ruby", "Adam", "Hannah", "Ryan", "Zara", "Ethan", "Priya",
    "Mohammed", "Aisha", "Liam", "Niamh", "Connor", "Megan", "Owen", "Erin", "Kwame",
];

const ENGLISH_FAMILY: [&str; 40] = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
    "Wood", "Jackson", "Clarke", "Khan", "Lewis", "Hughes", "Edwards", "Turner", "Hill", "Moore",
    "Cooper", "Ward", "Morris", "King", "Harris", "Baker", "Murphy", "Kelly", "Begum", "Okafor",
    "Nowak", "Campbell",
];

const CHINESE_FAMILY: [&str; 40] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
];

const CHINESE_GIVEN: [&str; 40] = [
    "芳", "娜", "伟", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "霞", "平", "刚", "桂英", "晓明", "欣怡", "子轩", "浩然", "雨涵", "思琪", "俊杰",
    "梓涵", "婷", "建华", "志强", "佳怡", "文博", "嘉怡", "宇航", "诗涵", "一鸣", "海燕",
];

/// How many distinct given names and family names each list holds.
pub(super) const NAME_CHOICES: usize = 40;

/// The `index`-th agent name at a site. Distinct for the first 1,600 indices:
/// the given name walks the list and the family name shifts once per lap.
pub(super) fn agent_name(index: usize, chinese: bool) -> String {
    let lap = index / NAME_CHOICES;
    let given = index % NAME_CHOICES;
    let family = (lap + 7 * given) % NAME_CHOICES;
    person_name(chinese, given, family)
}

/// "Given Family" in English, "家名" (family first, no space) in Chinese.
pub(super) fn person_name(chinese: bool, given: usize, family: usize) -> String {
    let given = given % NAME_CHOICES;
    let family = family % NAME_CHOICES;
    if chinese {
        format!("{}{}", CHINESE_FAMILY[family], CHINESE_GIVEN[given])
    } else {
        format!("{} {}", ENGLISH_GIVEN[given], ENGLISH_FAMILY[family])
    }
}

/// Who is calling, as little as needed to show them: a CRM name or a number
/// the platform masks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CallerIdentity {
    Named {
        chinese: bool,
        given: u8,
        family: u8,
    },
    Number {
        chinese: bool,
        last_digits: u16,
    },
}

impl CallerIdentity {
    /// The caller speaks Chinese (a Chinese name or number).
    pub fn is_chinese(self) -> bool {
        match self {
            CallerIdentity::Named { chinese, .. } | CallerIdentity::Number { chinese, .. } => {
                chinese
            }
        }
    }

    pub fn display(self) -> String {
        match self {
            CallerIdentity::Named {
                chinese,
                given,
                family,
            } => person_name(chinese, usize::from(given), usize::from(family)),
            // Chinese platforms commonly keep the last four digits, UK ones the last two.
            CallerIdentity::Number {
                chinese: true,
                last_digits,
            } => format!("+86 138 xxxx {:04}", last_digits % 10_000),
            CallerIdentity::Number {
                chinese: false,
                last_digits,
            } => format!("+44 7700 9xx x{:02}", last_digits % 100),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agent_names_are_distinct_on_a_large_site() {
        let mut seen = std::collections::BTreeSet::new();
        for index in 0..NAME_CHOICES * NAME_CHOICES {
            assert!(seen.insert(agent_name(index, false)), "repeat at {index}");
        }
    }

    #[test]
    fn chinese_names_put_the_family_name_first() {
        assert_eq!(person_name(true, 0, 0), "王芳");
        assert_eq!(person_name(false, 0, 0), "Olivia Smith");
    }

    #[test]
    fn numbers_are_masked() {
        let uk = CallerIdentity::Number {
            chinese: false,
            last_digits: 1234,
        };
        assert_eq!(uk.display(), "+44 7700 9xx x34");
        let cn = CallerIdentity::Number {
            chinese: true,
            last_digits: 5621,
        };
        assert_eq!(cn.display(), "+86 138 xxxx 5621");
    }
}
