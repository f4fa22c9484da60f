//! `str.format` / `str.format_map`: parsing replacement fields as CPython 3.11's `unicode_format.h`.
//!
//! The scanner follows `MarkupIterator_next`, `parse_field` and `FieldNameIterator` closely, since
//! the order in which they look at characters decides which ValueError a malformed string raises
//! (`'{0!}'` fails with "unmatched '{' in format spec", not with a conversion error). Looking up
//! arguments, attributes and items, `!r`/`!s`/`!a` and the final `format(value, spec)` call are the
//! runtime's, through [`FormatFields`], whose error type lets Python exceptions raised by user
//! code (`__format__`, `__getattr__`, ...) pass through unchanged.

use super::Error;

/// The first part of a field name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKey<'a> {
    /// `{0}` or an automatically numbered `{}`.
    Index(usize),
    /// `{name}`: a keyword argument (also anything that is not all digits, like `{-1}`).
    Name(&'a str),
}

/// One `.attr` or `[key]` step after the first part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accessor<'a> {
    Attr(&'a str),
    /// `[3]`: an all-digit key is an int.
    Index(usize),
    /// `[key]`: any other key is a str.
    Key(&'a str),
}

/// What the runtime provides to [`str_format`].
pub trait FormatFields {
    type Value;
    /// The runtime's exception type; support errors convert into it.
    type Error: From<Error>;
    /// The positional (IndexError "Replacement index 1 out of range for positional args tuple")
    /// or keyword (KeyError 'name') argument.
    fn arg(&mut self, key: FieldKey<'_>) -> Result<Self::Value, Self::Error>;
    /// `getattr(value, name)` or `value[key]`.
    fn access(
        &mut self,
        value: Self::Value,
        step: Accessor<'_>,
    ) -> Result<Self::Value, Self::Error>;
    /// `repr` (`r`), `str` (`s`) or `ascii` (`a`) of the value; other characters never reach it.
    fn convert(&mut self, value: Self::Value, conversion: char)
    -> Result<Self::Value, Self::Error>;
    /// `format(value, spec)`.
    fn format(&mut self, value: Self::Value, spec: &str) -> Result<String, Self::Error>;
}

#[derive(PartialEq, Eq)]
enum Numbering {
    Unknown,
    Auto,
    Manual,
}

struct Counter {
    state: Numbering,
    next: usize,
}

/// Formats `template` with the runtime's arguments, as `template.format(*args, **kwargs)`.
pub fn str_format<F: FormatFields>(template: &str, fields: &mut F) -> Result<String, F::Error> {
    let mut counter = Counter {
        state: Numbering::Unknown,
        next: 0,
    };
    let chars: Vec<char> = template.chars().collect();
    build(&chars, fields, 2, &mut counter)
}

fn verr<E: From<Error>>(msg: &str) -> E {
    E::from(Error::value(msg))
}

/// A parsed replacement field, as slices of the template.
struct Field {
    name: String,
    conversion: Option<char>,
    spec: String,
    spec_needs_expanding: bool,
}

fn build<F: FormatFields>(
    s: &[char],
    fields: &mut F,
    depth: u32,
    counter: &mut Counter,
) -> Result<String, F::Error> {
    if depth == 0 {
        return Err(verr("Max string recursion exceeded"));
    }
    let mut out = String::new();
    let mut pos = 0;
    while pos < s.len() {
        // Literal text up to the next brace.
        let mut c = '\0';
        let mut markup_follows = false;
        while pos < s.len() {
            c = s[pos];
            pos += 1;
            if c == '{' || c == '}' {
                markup_follows = true;
                break;
            }
            out.push(c);
        }
        if !markup_follows {
            break;
        }
        let at_end = pos >= s.len();
        if c == '}' && (at_end || s[pos] != '}') {
            return Err(verr("Single '}' encountered in format string"));
        }
        if at_end && c == '{' {
            return Err(verr("Single '{' encountered in format string"));
        }
        if s[pos] == c {
            out.push(c);
            pos += 1;
            continue;
        }
        let field = parse_field(s, &mut pos)?;
        out.push_str(&render(&field, fields, depth, counter)?);
    }
    Ok(out)
}

fn parse_field<E: From<Error>>(s: &[char], pos: &mut usize) -> Result<Field, E> {
    let name_start = *pos;
    let mut c = '\0';
    while *pos < s.len() {
        c = s[*pos];
        *pos += 1;
        match c {
            '{' => return Err(verr("unexpected '{' in field name")),
            '[' => {
                while *pos < s.len() && s[*pos] != ']' {
                    *pos += 1;
                }
                continue;
            }
            '}' | ':' | '!' => break,
            _ => continue,
        }
    }
    let name: String = s[name_start..(*pos).max(name_start + 1) - 1]
        .iter()
        .collect();
    let mut field = Field {
        name,
        conversion: None,
        spec: String::new(),
        spec_needs_expanding: false,
    };
    if c == '!' || c == ':' {
        if c == '!' {
            if *pos >= s.len() {
                return Err(verr("end of string while looking for conversion specifier"));
            }
            field.conversion = Some(s[*pos]);
            *pos += 1;
            if *pos < s.len() {
                let next = s[*pos];
                *pos += 1;
                if next == '}' {
                    return Ok(field);
                }
                if next != ':' {
                    return Err(verr("expected ':' after conversion specifier"));
                }
            }
        }
        let spec_start = *pos;
        let mut count = 1;
        while *pos < s.len() {
            let ch = s[*pos];
            *pos += 1;
            match ch {
                '{' => {
                    field.spec_needs_expanding = true;
                    count += 1;
                }
                '}' => {
                    count -= 1;
                    if count == 0 {
                        field.spec = s[spec_start..*pos - 1].iter().collect();
                        return Ok(field);
                    }
                }
                _ => {}
            }
        }
        return Err(verr("unmatched '{' in format spec"));
    }
    if c != '}' {
        return Err(verr("expected '}' before end of string"));
    }
    Ok(field)
}

/// `get_integer`: all ASCII digits (at least one) → the value; anything else → `None`.
fn as_index<E: From<Error>>(s: &str) -> Result<Option<usize>, E> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    let mut v: usize = 0;
    for b in s.bytes() {
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add((b - b'0') as usize))
            .filter(|&v| v <= isize::MAX as usize)
            .ok_or_else(|| verr::<E>("Too many decimal digits in format string"))?;
    }
    Ok(Some(v))
}

fn render<F: FormatFields>(
    field: &Field,
    fields: &mut F,
    depth: u32,
    counter: &mut Counter,
) -> Result<String, F::Error> {
    let name: Vec<char> = field.name.chars().collect();
    let first_end = name
        .iter()
        .position(|&c| c == '.' || c == '[')
        .unwrap_or(name.len());
    let first: String = name[..first_end].iter().collect();
    let key = if first.is_empty() {
        if counter.state == Numbering::Manual {
            return Err(verr(
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        counter.state = Numbering::Auto;
        counter.next += 1;
        FieldKey::Index(counter.next - 1)
    } else if let Some(i) = as_index::<F::Error>(&first)? {
        if counter.state == Numbering::Auto {
            return Err(verr(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        counter.state = Numbering::Manual;
        FieldKey::Index(i)
    } else {
        FieldKey::Name(&first)
    };
    let mut value = fields.arg(key)?;
    let mut pos = first_end;
    while pos < name.len() {
        let kind = name[pos];
        pos += 1;
        let start = pos;
        let part: String;
        match kind {
            '.' => {
                while pos < name.len() && name[pos] != '.' && name[pos] != '[' {
                    pos += 1;
                }
                part = name[start..pos].iter().collect();
            }
            '[' => {
                while pos < name.len() && name[pos] != ']' {
                    pos += 1;
                }
                if pos >= name.len() {
                    return Err(verr("Missing ']' in format string"));
                }
                part = name[start..pos].iter().collect();
                pos += 1;
            }
            _ => {
                return Err(verr(
                    "Only '.' or '[' may follow ']' in format field specifier",
                ));
            }
        }
        if part.is_empty() {
            return Err(verr("Empty attribute in format string"));
        }
        let step = if kind == '.' {
            Accessor::Attr(&part)
        } else if let Some(i) = as_index::<F::Error>(&part)? {
            Accessor::Index(i)
        } else {
            Accessor::Key(&part)
        };
        value = fields.access(value, step)?;
    }
    if let Some(conv) = field.conversion {
        if !matches!(conv, 'r' | 's' | 'a') {
            let code = conv as u32;
            let msg = if code > 32 && code < 127 {
                format!("Unknown conversion specifier {conv}")
            } else {
                format!("Unknown conversion specifier \\x{code:x}")
            };
            return Err(F::Error::from(Error::value(msg)));
        }
        value = fields.convert(value, conv)?;
    }
    let spec = if field.spec_needs_expanding {
        let spec: Vec<char> = field.spec.chars().collect();
        build(&spec, fields, depth - 1, counter)?
    } else {
        field.spec.clone()
    };
    fields.format(value, &spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values are strings; positional args are `a0`, `a1`, ...; `{x}` is keyword `x` = "X".
    struct Fields {
        nargs: usize,
    }

    impl FormatFields for Fields {
        type Value = String;
        type Error = Error;
        fn arg(&mut self, key: FieldKey<'_>) -> Result<String, Error> {
            match key {
                FieldKey::Index(i) if i < self.nargs => Ok(format!("a{i}")),
                FieldKey::Index(i) => Err(Error::new(
                    super::super::ErrorKind::IndexError,
                    format!("Replacement index {i} out of range for positional args tuple"),
                )),
                FieldKey::Name(n) => Ok(n.to_uppercase()),
            }
        }
        fn access(&mut self, v: String, step: Accessor<'_>) -> Result<String, Error> {
            Ok(match step {
                Accessor::Attr(a) => format!("{v}.{a}"),
                Accessor::Index(i) => format!("{v}[{i}]"),
                Accessor::Key(k) => format!("{v}['{k}']"),
            })
        }
        fn convert(&mut self, v: String, c: char) -> Result<String, Error> {
            Ok(if c == 'r' { format!("'{v}'") } else { v })
        }
        fn format(&mut self, v: String, spec: &str) -> Result<String, Error> {
            if spec.is_empty() {
                Ok(v)
            } else {
                Ok(format!("{v}:{spec}"))
            }
        }
    }

    fn run(t: &str) -> String {
        match str_format(t, &mut Fields { nargs: 3 }) {
            Ok(s) => s,
            Err(e) => format!("!{}", e.message),
        }
    }

    #[test]
    fn fields_literals_and_escapes() {
        assert_eq!(run("x{}y{}z"), "xa0ya1z");
        assert_eq!(run("{1}{0}{name}"), "a1a0NAME");
        assert_eq!(run("{{{0}}}"), "{a0}");
        assert_eq!(run("{0.x[2][k]!r:>{1}}"), "'a0.x[2]['k']':>a1");
        assert_eq!(run("{0[a:b]}"), "a0['a:b']");
        assert_eq!(run("{00}|{0]}|{-1}"), "a0|0]|-1");
        assert_eq!(run("{!r:}"), "'a0'");
        assert_eq!(run("{0:{{}}}"), "a0:{}");
    }

    // Messages printed by CPython 3.11 for the same templates.
    #[test]
    fn malformed_templates_raise_cpython_errors() {
        let cases = [
            ("{", "Single '{' encountered in format string"),
            ("a}b", "Single '}' encountered in format string"),
            ("{0", "expected '}' before end of string"),
            ("{0!}", "unmatched '{' in format spec"),
            ("{0!x}", "Unknown conversion specifier x"),
            ("{0!rr}", "expected ':' after conversion specifier"),
            ("{0.}", "Empty attribute in format string"),
            ("{0[]}", "Empty attribute in format string"),
            ("{0[}", "expected '}' before end of string"),
            (
                "{}{0}",
                "cannot switch from automatic field numbering to manual field specification",
            ),
            (
                "{0}{}",
                "cannot switch from manual field specification to automatic field numbering",
            ),
            ("{:{:{}}}", "Max string recursion exceeded"),
            ("{a{}", "unexpected '{' in field name"),
            ("{0:}}", "Single '}' encountered in format string"),
            (
                "{0[0]x}",
                "Only '.' or '[' may follow ']' in format field specifier",
            ),
            (
                "{5}",
                "Replacement index 5 out of range for positional args tuple",
            ),
            (
                "{0!",
                "end of string while looking for conversion specifier",
            ),
        ];
        for (t, want) in cases {
            assert_eq!(run(t), format!("!{want}"), "{t}");
        }
    }
}
