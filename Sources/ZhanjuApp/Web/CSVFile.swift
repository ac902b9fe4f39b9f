import CSV
import Foundation

/// CSV files people open in a spreadsheet. Quoting is the library's; what is ours is that a
/// cell a spreadsheet would run as a formula (`=HYPERLINK(...)` typed as a name) is written
/// as text, with the apostrophe spreadsheets themselves use for that (OWASP, CSV injection).
enum CSVFile {
    static func render(header: [String], rows: [[String]]) throws -> String {
        let writer = try CSVWriter(stream: .toMemory(), newline: .crlf)
        try writer.write(row: header)
        for row in rows { try writer.write(row: row.map(neutralised)) }
        writer.stream.close()
        guard let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return "" }
        return String(decoding: data, as: UTF8.self) + "\r\n"
    }

    /// A cell that starts with `=`, `+`, `-` or `@`, or with a tab or carriage return (which some
    /// spreadsheets skip before reading a formula), gets a leading apostrophe.
    static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        return "'" + cell
    }
}
