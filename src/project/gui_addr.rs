//! Where one GUI object of a project is: which GUI (one of a leaderboard's
//! two, or the project's data-status GUI) and the child indices from that
//! GUI's root. The selection, the tree, the inspector, the canvas and the
//! problems list all find objects through a [`GuiAddr`], so the walk lives
//! here once.

use super::{GuiNode, Project};

/// Which GUI a node belongs to: one of a leaderboard's, or the project's
/// data-status GUI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GuiPart {
    /// The panel players see (`gui`).
    Gui,
    /// The row copied for each entry (`row_template`).
    RowTemplate,
    /// The tab copied for each period (`tabs/template`), when the board has
    /// tabs.
    TabTemplate,
    /// The project's data-status GUI (`data_status.gui`). It belongs to no
    /// leaderboard: its board index is always [`DATA_STATUS_BOARD`].
    DataStatus,
}

/// The board index that goes with [`GuiPart::DataStatus`].
pub const DATA_STATUS_BOARD: usize = 0;

impl GuiPart {
    /// A leaderboard's parts, in the order the tree shows them (a board
    /// without tabs has no tab template).
    pub const OF_LEADERBOARD: [GuiPart; 3] =
        [GuiPart::Gui, GuiPart::RowTemplate, GuiPart::TabTemplate];

    /// The field name, as problem paths spell it.
    pub fn key(self) -> &'static str {
        match self {
            GuiPart::Gui | GuiPart::DataStatus => "gui",
            GuiPart::RowTemplate => "row_template",
            GuiPart::TabTemplate => "tabs/template",
        }
    }

    /// The leaderboard part a problem path names (`gui`, `row_template`,
    /// `tabs/template`).
    pub fn from_key(key: &str) -> Option<GuiPart> {
        GuiPart::OF_LEADERBOARD.into_iter().find(|p| p.key() == key)
    }

    /// Whether this is one of a leaderboard's GUIs.
    pub fn of_leaderboard(self) -> bool {
        self != GuiPart::DataStatus
    }

    /// The root of this GUI: leaderboard `board`'s GUI or row, or the
    /// data-status GUI (whatever `board` is).
    pub fn root(self, project: &Project, board: usize) -> Option<&GuiNode> {
        Some(match self {
            GuiPart::Gui => &project.leaderboards.get(board)?.gui,
            GuiPart::RowTemplate => &project.leaderboards.get(board)?.row_template,
            GuiPart::TabTemplate => &project.leaderboards.get(board)?.tabs.as_ref()?.template,
            GuiPart::DataStatus => &project.data_status.gui,
        })
    }

    pub fn root_mut(self, project: &mut Project, board: usize) -> Option<&mut GuiNode> {
        Some(match self {
            GuiPart::Gui => &mut project.leaderboards.get_mut(board)?.gui,
            GuiPart::RowTemplate => &mut project.leaderboards.get_mut(board)?.row_template,
            GuiPart::TabTemplate => {
                &mut project.leaderboards.get_mut(board)?.tabs.as_mut()?.template
            }
            GuiPart::DataStatus => &mut project.data_status.gui,
        })
    }
}

/// One GUI object: leaderboard index (0 for the data-status GUI), part,
/// child indices from the root.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GuiAddr {
    pub board: usize,
    pub part: GuiPart,
    pub path: Vec<usize>,
}

impl GuiAddr {
    pub fn new(board: usize, part: GuiPart, path: Vec<usize>) -> Self {
        GuiAddr { board, part, path }
    }

    /// The root of a GUI.
    pub fn root(board: usize, part: GuiPart) -> Self {
        GuiAddr::new(board, part, Vec::new())
    }

    /// An object of the data-status GUI.
    pub fn data_status(path: Vec<usize>) -> Self {
        GuiAddr::new(DATA_STATUS_BOARD, GuiPart::DataStatus, path)
    }

    pub fn is_root(&self) -> bool {
        self.path.is_empty()
    }

    /// The object `index`-th inside this one.
    pub fn child(&self, index: usize) -> Self {
        let mut child = self.clone();
        child.path.push(index);
        child
    }

    /// The object this one is inside; None for the root.
    pub fn parent(&self) -> Option<Self> {
        let (_, parent) = self.path.split_last()?;
        Some(GuiAddr::new(self.board, self.part, parent.to_vec()))
    }

    /// Another object of the same GUI.
    pub fn with_path(&self, path: Vec<usize>) -> Self {
        GuiAddr::new(self.board, self.part, path)
    }

    /// Whether both are in the same GUI (of the same leaderboard).
    pub fn same_gui(&self, other: &GuiAddr) -> bool {
        self.board == other.board && self.part == other.part
    }

    /// The root of this object's GUI.
    pub fn gui_root<'a>(&self, project: &'a Project) -> Option<&'a GuiNode> {
        self.part.root(project, self.board)
    }

    pub fn gui_root_mut<'a>(&self, project: &'a mut Project) -> Option<&'a mut GuiNode> {
        self.part.root_mut(project, self.board)
    }

    pub fn node<'a>(&self, project: &'a Project) -> Option<&'a GuiNode> {
        node_at(self.gui_root(project)?, &self.path)
    }

    pub fn node_mut<'a>(&self, project: &'a mut Project) -> Option<&'a mut GuiNode> {
        node_at_mut(self.gui_root_mut(project)?, &self.path)
    }

    /// The problem path of the object: below the root by names, like
    /// `leaderboards/TopCoins/gui/Panel/Title` or `data_status/gui/Loading`.
    /// The names stop where the path no longer leads anywhere.
    pub fn diag_path(&self, project: &Project) -> String {
        let mut out = match self.part {
            GuiPart::Gui | GuiPart::RowTemplate | GuiPart::TabTemplate => format!(
                "leaderboards/{}/{}",
                project
                    .leaderboards
                    .get(self.board)
                    .map_or("", |b| b.name.as_str()),
                self.part.key()
            ),
            GuiPart::DataStatus => format!("data_status/{}", self.part.key()),
        };
        let Some(mut node) = self.gui_root(project) else {
            return out;
        };
        for &i in &self.path {
            let Some(child) = node.children.get(i) else {
                break;
            };
            out.push('/');
            out.push_str(&child.name);
            node = child;
        }
        out
    }

    /// The object a problem path below a leaderboard names (`gui/Panel/Title`
    /// split at `/`), as far as the names lead; None unless it starts with a
    /// part.
    pub fn from_diag_path<'p>(
        project: &Project,
        board: usize,
        mut names: impl Iterator<Item = &'p str>,
    ) -> Option<GuiAddr> {
        let first = names.next()?;
        let part = if first == "tabs" {
            // `tabs/template/...`; `tabs/goes_in` names no object.
            if names.next()? != "template" {
                return None;
            }
            GuiPart::TabTemplate
        } else {
            GuiPart::from_key(first)?
        };
        GuiAddr::root(board, part).follow(project, names)
    }

    /// The object of the data-status GUI a problem path below `data_status`
    /// names (`gui/Loading/Message` split at `/`), as far as the names lead;
    /// None unless it starts with `gui`.
    pub fn from_data_status_path<'p>(
        project: &Project,
        mut names: impl Iterator<Item = &'p str>,
    ) -> Option<GuiAddr> {
        if names.next()? != GuiPart::DataStatus.key() {
            return None;
        }
        GuiAddr::data_status(Vec::new()).follow(project, names)
    }

    /// This object, then down the children `names` names, as far as they
    /// lead (a property name at the end is not an object); None if this
    /// object isn't there.
    fn follow<'p>(
        mut self,
        project: &Project,
        names: impl Iterator<Item = &'p str>,
    ) -> Option<Self> {
        let mut node = self.node(project)?;
        for name in names {
            let Some(i) = node.children.iter().position(|c| c.name == name) else {
                break;
            };
            self.path.push(i);
            node = &node.children[i];
        }
        Some(self)
    }
}

/// The object at a path of child indices below `root`.
pub fn node_at<'a>(root: &'a GuiNode, path: &[usize]) -> Option<&'a GuiNode> {
    path.iter().try_fold(root, |n, &i| n.children.get(i))
}

pub fn node_at_mut<'a>(root: &'a mut GuiNode, path: &[usize]) -> Option<&'a mut GuiNode> {
    path.iter().try_fold(root, |n, &i| n.children.get_mut(i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::data_status::{LOADING, READ_ONLY};

    #[test]
    fn the_data_status_gui_is_found_whatever_the_leaderboards() {
        let mut project = Project::new("Game");
        let read_only = GuiAddr::from_data_status_path(&project, ["gui", READ_ONLY].into_iter())
            .expect("the ReadOnly object");
        assert_eq!(read_only.part, GuiPart::DataStatus);
        assert_eq!(read_only.board, DATA_STATUS_BOARD);
        assert_eq!(read_only.node(&project).unwrap().name, READ_ONLY);
        assert_eq!(read_only.diag_path(&project), "data_status/gui/ReadOnly");
        assert_eq!(
            read_only.parent().unwrap().diag_path(&project),
            "data_status/gui"
        );
        read_only.node_mut(&mut project).unwrap().name = "Renamed".into();
        assert_eq!(project.data_status.gui.children[1].name, "Renamed");
    }

    #[test]
    fn a_data_status_path_follows_names_as_far_as_they_lead() {
        let project = Project::new("Game");
        let names = ["gui", LOADING, "NoSuchObject", "Text"];
        let addr = GuiAddr::from_data_status_path(&project, names.into_iter()).unwrap();
        assert_eq!(addr, GuiAddr::data_status(vec![0]));
        assert_eq!(addr.diag_path(&project), "data_status/gui/Loading");
        // Only `gui` names the data-status GUI; a leaderboard part does not.
        let row = ["row_template", LOADING];
        assert_eq!(
            GuiAddr::from_data_status_path(&project, row.into_iter()),
            None
        );
        assert_eq!(
            GuiAddr::from_data_status_path(&project, std::iter::empty()),
            None
        );
        // And a leaderboard path never leads into the data-status GUI.
        assert_eq!(
            GuiAddr::from_diag_path(&project, DATA_STATUS_BOARD, ["gui", LOADING].into_iter()),
            None
        );
    }

    #[test]
    fn a_tab_template_is_a_part_of_its_own_while_the_board_has_tabs() {
        use crate::project::{GuiNode, Tabs, examples, file};
        let mut project = file::parse_str(examples::text("starter").unwrap(), "starter").unwrap();
        let names = ["tabs", "template", "Label", "Text"];
        assert_eq!(
            GuiAddr::from_diag_path(&project, 0, names.into_iter()),
            None
        );
        project.leaderboards[0].tabs = Some(Tabs {
            goes_in: "LeaderboardFrame".into(),
            template: GuiNode::new("TextButton", "Tab").child(GuiNode::new("TextLabel", "Label")),
        });
        let addr = GuiAddr::from_diag_path(&project, 0, names.into_iter()).unwrap();
        assert_eq!(addr, GuiAddr::new(0, GuiPart::TabTemplate, vec![0]));
        assert_eq!(
            addr.diag_path(&project),
            "leaderboards/TopCoins/tabs/template/Label"
        );
        let goes_in = ["tabs", "goes_in"];
        assert_eq!(
            GuiAddr::from_diag_path(&project, 0, goes_in.into_iter()),
            None
        );
    }
}
