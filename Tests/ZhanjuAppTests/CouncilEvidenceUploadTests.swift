import Fluent
import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// Evidence files from the pages: the committee uploads a photo or document on the evidence form
/// (multipart/form-data), through the same service function as the API, with the same limits:
/// at most 2 MiB, and a type the first bytes confirm.
@Suite("Council evidence files uploaded from the pages")
struct CouncilEvidenceUploadTests {
    struct Part {
        var name: String
        var value: Data
        var fileName: String? = nil
        var type: String? = nil
        init(_ name: String, _ text: String) { (self.name, self.value) = (name, Data(text.utf8)) }
        init(file name: String, _ fileName: String, _ type: String?, _ data: Data) { (self.name, self.value, self.fileName, self.type) = (name, data, fileName, type) }
    }

    /// Posts a multipart form as a browser does: the session cookie, the CSRF token as a field.
    static func upload(_ app: Application, _ path: String, _ parts: [Part], as caller: Caller?, csrf: Bool = true) async throws -> TestingHTTPResponse {
        let boundary = "----zhanju\(UUID().uuidString)"
        var body = Data()
        let all = (csrf ? caller?.csrf.map { [Part("_csrf", $0)] } ?? [] : []) + parts
        for p in all {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(p.name)\"".utf8)
            if let f = p.fileName { body += Data("; filename=\"\(f)\"".utf8) }
            body += Data("\r\n".utf8)
            if let t = p.type { body += Data("Content-Type: \(t)\r\n".utf8) }
            body += Data("\r\n".utf8) + p.value + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        var headers: HTTPHeaders = ["Accept-Language": "en", "Content-Type": "multipart/form-data; boundary=\(boundary)", "Accept": "text/html"]
        if let cookie = caller?.cookie { headers.add(name: .cookie, value: "\(AccessMiddleware.sessionCookie)=\(cookie)") }
        return try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(data: body))
    }

    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data("ramp-photo".utf8)

    @Test("the committee uploads a photo for a task from the page; it is stored and served; a fake, an oversized and an unlisted file are refused beside the file field; a member and a form without its token get 403")
    func uploadFromPage() async throws {
        try await withApp { (app: Application) async throws in
            _ = try await ShenxianshuDemo.load(into: app)
            let c = try await CouncilTests.callers(app, ["wr.chair", "wr.member"])
            let late = try #require(try await CouncilResolution.query(on: app.db).filter(\.$title == "融城后街楼道堆物集中清理").first()?.id)
            let task = try #require(try await CouncilTask.query(on: app.db).filter(\.$resolutionID == late).first())
            let path = "/council/resolutions/\(late)/evidence/new"
            func stored() async throws -> Int { try await CouncilEvidence.query(on: app.db).filter(\.$resolutionID == late).count() }

            // The form is a multipart form with a file field; from a task's row the task is chosen.
            let resolutionPage = try await app.page("/council/resolutions/\(late)", lang: "en", as: c["wr.chair"])
            #expect(resolutionPage.text.contains("\(path)?task_id=\(task.id!)"))
            let form = try await app.page("\(path)?task_id=\(task.id!)", lang: "en", as: c["wr.chair"])
            #expect(form.status == .ok && form.text.contains("enctype=\"multipart/form-data\"") && form.text.contains("type=\"file\""))
            #expect(form.text.contains("<option value=\"\(task.id!)\" selected"), "the task is preselected")
            #expect(!form.text.contains("uploaded through the API"))

            // A photo: stored through the service, listed on the public page, served as it was sent.
            let before = try await stored()
            let ok = try await Self.upload(app, path, [Part("text", "楼道清理后照片"), Part("task_id", task.id!.uuidString),
                                                       Part(file: "file", "after.png", "image/png", Self.png)], as: c["wr.chair"])
            #expect(ok.status == .seeOther && ok.headers.first(name: .location) == "/council/resolutions/\(late)", "\(ok.status) \(ok.text.prefix(400))")
            let e = try #require(try await CouncilEvidence.query(on: app.db).filter(\.$resolutionID == late).filter(\.$fileName == "after.png").first())
            #expect(e.contentType == "image/png" && e.size == Self.png.count && e.taskID == task.id && e.content == Self.png)
            let publicPage = try await app.page("/council/resolutions/\(late)", lang: "en", as: .anonymous)
            #expect(publicPage.text.contains("after.png") && publicPage.text.contains("楼道清理后照片"))
            let served = try await app.testing().sendRequest(.GET, "/api/v1/council/evidence/\(e.id!)/file")
            #expect(served.status == .ok && Data(buffer: served.body) == Self.png)

            // A browser that names no type: the first bytes say what it is.
            let sniffed = try await Self.upload(app, path, [Part("text", "扫描件"), Part(file: "file", "scan.png", "application/octet-stream", Self.png)], as: c["wr.chair"])
            #expect(sniffed.status == .seeOther, "\(sniffed.status)")
            #expect(try await CouncilEvidence.query(on: app.db).filter(\.$fileName == "scan.png").first()?.contentType == "image/png")
            // No file chosen: the browser still sends an empty part; the text alone is evidence.
            let textOnly = try await Self.upload(app, path, [Part("text", "已通知各户"), Part(file: "file", "", "application/octet-stream", Data())], as: c["wr.chair"])
            #expect(textOnly.status == .seeOther, "\(textOnly.status) \(textOnly.text.prefix(300))")
            let count = try await stored()
            #expect(count == before + 3)

            // Refusals, each beside the file field, the form kept, nothing stored.
            let fake = try await Self.upload(app, path, [Part("text", "照片"), Part(file: "file", "x.png", "image/png", Data("not a png".utf8))], as: c["wr.chair"])
            #expect(fake.status == .unprocessableEntity && fake.text.contains("id=\"error-file\"") && fake.text.contains("照片"), "\(fake.status)")
            let big = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(count: CouncilService.maxFileBytes)
            let tooBig = try await Self.upload(app, path, [Part("text", "大图"), Part(file: "file", "big.png", "image/png", big)], as: c["wr.chair"])
            #expect(tooBig.status == .unprocessableEntity && tooBig.text.contains("id=\"error-file\"") && tooBig.text.contains("2 MiB"), "\(tooBig.status) \(tooBig.text.prefix(300))")
            let exe = try await Self.upload(app, path, [Part("text", "x"), Part(file: "file", "x.exe", "application/x-msdownload", Data("MZ".utf8))], as: c["wr.chair"])
            #expect(exe.status == .unprocessableEntity && exe.text.contains("Only PNG, JPEG, PDF or plain-text files"), "\(exe.status)")
            let noText = try await Self.upload(app, path, [Part(file: "file", "after.png", "image/png", Self.png)], as: c["wr.chair"])
            #expect(noText.status == .unprocessableEntity && noText.text.contains("id=\"error-text\""))
            #expect(try await stored() == count)

            // Only those who act for the committee upload; a form without its token is refused.
            #expect(try await Self.upload(app, path, [Part("text", "x"), Part(file: "file", "after.png", "image/png", Self.png)], as: c["wr.member"]).status == .forbidden)
            #expect(try await Self.upload(app, path, [Part("text", "x"), Part(file: "file", "after.png", "image/png", Self.png)], as: c["wr.chair"], csrf: false).status == .forbidden)
            #expect(try await stored() == count)
        }
    }
}
