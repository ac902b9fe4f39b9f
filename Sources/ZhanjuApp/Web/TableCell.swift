import Plot

/// A table cell that names its column, so phone-width layouts (CSS `td::before`, where a wide
/// table's rows stack) stay readable: "出生日期: 1980-05-05" rather than a bare date.
func labelledCell(_ column: Text, _ lang: Lang, _ value: String) -> Node<HTML.TableRowContext> {
    .td(.attribute(named: "data-label", value: attr(column[lang])), .text(value))
}
