//! Where one GUI object of a project is: its leaderboard, which of the
//! leaderboard's two GUIs, and the child indices from that GUI's root. The
//! selection, the tree, the inspector, the canvas and the problems list all
//! find objects through a [`GuiAddr`], so the walk lives here once.

use super::{GuiNode, Leaderboard, Project};

/// Which GUI of a leaderboard a node belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GuiPart {
    /// The panel players see (`gui`).
    Gui,
    /// The row copied for each entry (`row_template`).
    RowTemplate,
}

impl GuiPart {
    /// Both parts, in the order the tree shows them.
    pub const ALL: [GuiPart; 2] = [GuiPart::Gui, GuiPart::RowTemplate];

    /// The field name, as problem paths spell it.
    pub fn key(self) -> &'static str {
        match self {
            GuiPart::Gui => "gui",
            GuiPart::RowTemplate => "row_template",
        }
    }

    /// The part a problem path names (`gui`, `row_template`).
    pub fn from_key(key: &str) -> Option<GuiPart> {
        GuiPart::ALL.into_iter().find(|p| p.key() == key)
    }

    pub fn root(self, board: &Leaderboard) -> &GuiNode {
        match self {
            GuiPart::Gui => &board.gui,
            GuiPart::RowTemplate => &board.row_template,
        }
    }

    pub fn root_mut(self, board: &mut Leaderboard) -> &mut GuiNode {
        match self {
            GuiPart::Gui => &mut board.gui,
            GuiPart::RowTemplate => &mut board.row_template,
        }
    }
}

/// One GUI object: leaderboard index, part, child indices from the root.
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

    /// The root of a leaderboard's GUI or row.
    pub fn root(board: usize, part: GuiPart) -> Self {
        GuiAddr::new(board, part, Vec::new())
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

    /// Whether both are in the same GUI of the same leaderboard.
    pub fn same_gui(&self, other: &GuiAddr) -> bool {
        self.board == other.board && self.part == other.part
    }

    pub fn node<'a>(&self, project: &'a Project) -> Option<&'a GuiNode> {
        self.node_in(project.leaderboards.get(self.board)?)
    }

    pub fn node_mut<'a>(&self, project: &'a mut Project) -> Option<&'a mut GuiNode> {
        self.node_in_mut(project.leaderboards.get_mut(self.board)?)
    }

    /// The object in `board`, which is taken to be leaderboard `self.board`.
    pub fn node_in<'a>(&self, board: &'a Leaderboard) -> Option<&'a GuiNode> {
        node_at(self.part.root(board), &self.path)
    }

    pub fn node_in_mut<'a>(&self, board: &'a mut Leaderboard) -> Option<&'a mut GuiNode> {
        node_at_mut(self.part.root_mut(board), &self.path)
    }

    /// The problem path of the object: below the root by names, like
    /// `leaderboards/TopCoins/gui/Panel/Title`. `board` is leaderboard
    /// `self.board`; the names stop where the path no longer leads anywhere.
    pub fn diag_path(&self, board: &Leaderboard) -> String {
        let mut out = format!("leaderboards/{}/{}", board.name, self.part.key());
        let mut node = self.part.root(board);
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
        let part = GuiPart::from_key(names.next()?)?;
        let mut node = part.root(project.leaderboards.get(board)?);
        let mut path = Vec::new();
        for name in names {
            let Some(i) = node.children.iter().position(|c| c.name == name) else {
                break;
            };
            path.push(i);
            node = &node.children[i];
        }
        Some(GuiAddr::new(board, part, path))
    }
}

/// The object at a path of child indices below `root`.
pub fn node_at<'a>(root: &'a GuiNode, path: &[usize]) -> Option<&'a GuiNode> {
    path.iter().try_fold(root, |n, &i| n.children.get(i))
}

pub fn node_at_mut<'a>(root: &'a mut GuiNode, path: &[usize]) -> Option<&'a mut GuiNode> {
    path.iter().try_fold(root, |n, &i| n.children.get_mut(i))
}
