import Plot

/// The one way a page writes a `<select>`: every name, value and label escaped here (Plot has no
/// typed select for every context the pages need), the chosen value marked, a first empty
/// choice when asked for, and the invalid state linked to its message.
struct Select {
    var name: String
    var options: [(value: String, label: String)]
    var selected: String? = nil
    /// The empty first choice's label ("—", or the filter's own name), if there is one.
    var blank: String? = nil
    /// When the select sits without a visible label (a filter row), its accessible name.
    var ariaLabel: String? = nil
    var required = false
    var describedBy: String? = nil

    var html: String {
        var attributes = " name=\"\(attr(name))\""
        if let ariaLabel { attributes += " aria-label=\"\(attr(ariaLabel))\"" }
        if required { attributes += " required" }
        if let describedBy { attributes += " aria-invalid=\"true\" aria-describedby=\"\(attr(describedBy))\"" }
        let choices = (blank.map { [("", $0)] } ?? []) + options
        return "<select\(attributes)>" + choices.map { value, label in
            "<option value=\"\(attr(value))\"\(value == selected ? " selected" : "")>\(attr(label))</option>"
        }.joined() + "</select>"
    }

    func node<Context>() -> Node<Context> { .raw(html) }
}
