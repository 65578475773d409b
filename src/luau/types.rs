//! The generated `Types` ModuleScript: Luau types of the player data, so
//! game scripts get autocomplete and type checking on `data.Coins`.
//!
//! Exports `PlayerData` (the current schema: whole numbers and numbers are
//! `number`, text `string`, true/false `boolean`, lists `{ T }`, maps
//! `{ [string]: T }`, records inline table types), `LeaderboardEntry` (one
//! row of a top list) and, when the project has leaderboards,
//! `LeaderboardName` (a union of their names).

use super::ast::{Chunk, Directive, Expr, Stmt, Table, Type, TypeField};
use crate::project::{Field, FieldType, Project};

/// Comments longer than this go on lines of their own above the field.
const TRAILING_COMMENT_MAX: usize = 80;

/// The formatted source of `Types.luau`.
pub fn generate(project: &Project) -> String {
    super::format_or_keep(chunk(project).print())
}

/// The syntax tree of `Types.luau`, before printing.
pub fn chunk(project: &Project) -> Chunk {
    let mut header = super::generated_header(&project.name);
    header.push("Luau types of the player data, for scripts that use DataManager.".into());

    let mut body = vec![
        Stmt::Comment(
            "One player's data, as DataManager holds it while the player is in the server.".into(),
        ),
        Stmt::TypeDecl {
            export: true,
            name: "PlayerData".into(),
            ty: record_type(&project.schema.fields),
        },
        Stmt::Blank,
        Stmt::Comment("One row of a global leaderboard's top list.".into()),
        Stmt::TypeDecl {
            export: true,
            name: "LeaderboardEntry".into(),
            ty: Type::Table(vec![
                TypeField::new("rank", Type::number()).with_comment("1 for the first place"),
                TypeField::new("userId", Type::number()),
                TypeField::new("name", Type::string()).with_comment("the player's username"),
                TypeField::new("displayName", Type::string())
                    .with_comment("the name shown in game, which players choose"),
                TypeField::new("value", Type::number()).with_comment("the ranked stat"),
            ]),
        },
        Stmt::Blank,
    ];
    if !project.leaderboards.is_empty() {
        body.push(Stmt::Comment(
            "The names of the game's leaderboards.".into(),
        ));
        body.push(Stmt::TypeDecl {
            export: true,
            name: "LeaderboardName".into(),
            ty: Type::string_union(project.leaderboards.iter().map(|l| l.name.as_str())),
        });
        body.push(Stmt::Blank);
    }
    body.push(Stmt::Comment(
        "A ModuleScript must return a value; the types above are what this module is for.".into(),
    ));
    body.push(Stmt::Return(vec![Expr::Table(Table::new())]));

    Chunk {
        directives: vec![Directive::Strict],
        header,
        body,
    }
}

/// The Luau type of values of a field type.
pub fn luau_type(ty: &FieldType) -> Type {
    match ty {
        FieldType::Integer | FieldType::Number => Type::number(),
        FieldType::String => Type::string(),
        FieldType::Boolean => Type::boolean(),
        FieldType::List(item) => Type::array(luau_type(item)),
        FieldType::Map(item) => Type::map(Type::string(), luau_type(item)),
        FieldType::Record(fields) => record_type(fields),
    }
}

/// A record's fields as a table type. Descriptions go at the end of the
/// field's line when every description of the record is short enough, else
/// on lines of their own above each field, so one record reads one way.
/// Session-only fields are marked at the end of their line either way.
fn record_type(fields: &[Field]) -> Type {
    let trailing = fields.iter().all(|f| {
        let d = f.description.trim();
        d.is_empty()
            || (!d.contains(['\n', '\r'])
                && d.chars().count() <= TRAILING_COMMENT_MAX
                && !is_multiline_record(&f.ty))
    });
    Type::Table(fields.iter().map(|f| type_field(f, trailing)).collect())
}

fn is_multiline_record(ty: &FieldType) -> bool {
    matches!(ty, FieldType::Record(fields) if !fields.is_empty())
}

const SESSION_ONLY: &str = "session only: not saved";

fn type_field(field: &Field, trailing: bool) -> TypeField {
    let mut out = TypeField::new(field.name.as_str(), luau_type(&field.ty));
    let description = field.description.trim();
    let mut session_only = (!field.saved).then_some(SESSION_ONLY);
    if let Some(mark) = session_only.filter(|_| is_multiline_record(&field.ty)) {
        // After a multi-line record type the mark would follow its `}`.
        out.leading_comments.push(format!("({mark})"));
        session_only = None;
    }
    if trailing {
        out.trailing_comment = match (description.is_empty(), session_only) {
            (true, None) => None,
            (true, Some(mark)) => Some(mark.to_string()),
            (false, None) => Some(description.to_string()),
            (false, Some(mark)) => Some(format!("{description} ({mark})")),
        };
    } else {
        if !description.is_empty() {
            out.leading_comments.push(description.to_string());
        }
        if let Some(mark) = session_only {
            out.trailing_comment = Some(mark.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::luau::{format_luau, parse_luau};

    #[test]
    fn player_data_type() {
        let mut p = Project::new("Types");
        let mut coins = Field::new("Coins", FieldType::Integer);
        coins.description = "Money from quests".into();
        let mut temp = Field::new("Temp", FieldType::Boolean);
        temp.saved = false;
        let mut long = Field::new("my notes", FieldType::Map(Box::new(FieldType::String)));
        long.description = "first line\nsecond line".into();
        let mut rec = Field::new(
            "Pet",
            FieldType::Record(vec![
                Field::new("Name", FieldType::String),
                Field::new(
                    "Toys",
                    FieldType::List(Box::new(FieldType::List(Box::new(FieldType::Number)))),
                ),
            ]),
        );
        rec.description = "The pet".into();
        p.schema.fields = vec![coins, temp, long, rec];
        let code = generate(&p);
        parse_luau(&code).unwrap_or_else(|e| panic!("{code}\n{e}"));
        assert_eq!(format_luau(&code).unwrap(), code);
        assert!(code.starts_with("--!strict\n"));
        // A long description: every field's description goes above it.
        assert!(
            code.contains("\t-- Money from quests\n\tCoins: number,\n"),
            "{code}"
        );
        assert!(
            code.contains("\tTemp: boolean, -- session only: not saved\n"),
            "{code}"
        );
        assert!(
            code.contains(
                "\t-- first line\n\t-- second line\n\t[\"my notes\"]: { [string]: string },\n"
            ),
            "{code}"
        );
        assert!(
            code.contains(
                "\t-- The pet\n\tPet: {\n\t\tName: string,\n\t\tToys: { { number } },\n\t},\n"
            ),
            "{code}"
        );
        assert!(!code.contains("LeaderboardName"));
        assert!(code.ends_with("return {}\n"));
    }

    #[test]
    fn short_descriptions_go_at_the_end_of_the_line() {
        let mut p = Project::new("Short");
        let mut coins = Field::new("Coins", FieldType::Integer);
        coins.description = "Money".into();
        let mut zone = Field::new("Zone", FieldType::String);
        zone.description = "Where the player is.".into();
        zone.saved = false;
        let mut rec = Field::new(
            "Pet",
            FieldType::Record(vec![Field::new("Name", FieldType::String)]),
        );
        rec.saved = false;
        p.schema.fields = vec![coins, zone, Field::new("Level", FieldType::Integer)];
        let code = generate(&p);
        parse_luau(&code).unwrap();
        assert!(code.contains("\tCoins: number, -- Money\n\tZone: string, -- Where the player is. (session only: not saved)\n\tLevel: number,\n"), "{code}");

        // A record with a mark: the mark goes above it, not after its `}`.
        p.schema.fields.push(rec);
        let code = generate(&p);
        parse_luau(&code).unwrap();
        assert!(
            code.contains("\t-- (session only: not saved)\n\tPet: {\n"),
            "{code}"
        );
    }

    #[test]
    fn empty_schema() {
        let code = generate(&Project::new("Empty"));
        parse_luau(&code).unwrap();
        assert!(code.contains("export type PlayerData = {}\n"), "{code}");
    }
}
