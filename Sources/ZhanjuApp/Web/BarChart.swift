import Foundation
import Plot

/// Horizontal bar charts as a table: each row's label and figure are text at the page's own
/// size (an SVG chart scaled to a phone shrank its labels to 7.5 px), a screen reader reads the
/// figures, and only the bar itself is a drawing, sized by its viewBox so that no inline style
/// (refused by the content security policy) is needed. Prints as it shows.
enum BarChart {
    struct Bar {
        var label: String
        var value: Double
        var note: String
    }

    enum Tone: String { case accent, blue }

    static func table(_ bars: [Bar], title: String, tone: Tone = .accent) -> Node<HTML.BodyContext> {
        let maximum = max(1, bars.map(\.value).max() ?? 1)
        return .table(.class("bars \(tone.rawValue)"),
            .caption(.text(title)),
            .tbody(
                .if(bars.isEmpty, .tr(.td(.text("—")))),
                .forEach(bars) { bar in
                    .tr(.th(.attribute(named: "scope", value: "row"), .text(bar.label)),
                        .td(.class("num"), .text(bar.note)),
                        .td(.class("bar"), .raw(drawing(share: max(0, bar.value) / maximum))))
                }))
    }

    /// A bar `share` (0…1) of the column's width; numbers only, so nothing to escape.
    static func drawing(share: Double) -> String {
        let width = String(format: "%.1f", max(0.5, min(1, share) * 100))
        return "<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"\(width)\" height=\"10\"></rect></svg>"
    }
}
