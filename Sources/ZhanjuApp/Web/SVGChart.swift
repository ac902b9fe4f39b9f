import Foundation

/// Horizontal bar charts as inline SVG: no JavaScript, prints well, scales on a phone.
enum SVGChart {
    struct Bar {
        var label: String
        var value: Double
        var note: String
    }

    static func bars(_ bars: [Bar], title: String, colour: String = "#b3261e") -> String {
        let rowHeight = 26, labelWidth = 250, width = 620
        let height = max(1, bars.count) * rowHeight + 28
        let maximum = max(1, bars.map(\.value).max() ?? 1)
        var out = "<svg class=\"chart\" role=\"img\" aria-label=\"\(attr(title))\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">"
        out += "<title>\(attr(title))</title>"
        for (i, bar) in bars.enumerated() {
            let y = i * rowHeight + 4
            let length = Int((Double(width - labelWidth - 60) * bar.value / maximum).rounded())
            out += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 16)\" text-anchor=\"end\" font-size=\"13\">\(attr(bar.label))</text>"
            out += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(max(1, length))\" height=\"18\" fill=\"\(colour)\" rx=\"2\"></rect>"
            out += "<text x=\"\(labelWidth + length + 6)\" y=\"\(y + 16)\" font-size=\"13\">\(attr(bar.note))</text>"
        }
        if bars.isEmpty { out += "<text x=\"10\" y=\"20\" font-size=\"13\">—</text>" }
        return out + "</svg>"
    }
}
