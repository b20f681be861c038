/// The documents the diagnostics cite, each written out in full once: its title, who issued it,
/// its document number (文号) and date. Messages, `choucha explain`, the comments of `Rules/` and
/// the README cite them by title and number plus a clause (`CitedDocument.at`), and
/// `explain` closes each page with the full entry, so that a user can find the document itself.
///
/// `CitationTests` holds the texts of the repository to this table: a document cited in `Rules/`,
/// `Examples/`, the README or an explanation must be here, with this title and this number.
public struct CitedDocument: Sendable, Hashable {
  /// A short stable name for the document.
  public var key: String
  /// The title as published, without 《》.
  public var title: String
  /// Who issued it, as the document is signed.
  public var issuer: Text
  /// The document number (文号), when it has one.
  public var number: String?
  /// The date it was issued (年月日 as printed on it), or the year when it prints none.
  public var date: Text
  /// Written before the title where the title alone does not say whose it is (临淄区《在市场监管领域…》).
  public var place: String
  /// Where it is published, for a table read from a government website.
  public var page: String?

  public init(
    key: String, title: String, issuer: Text, number: String?, date: Text, place: String = "", page: String? = nil
  ) {
    self.key = key
    self.title = title
    self.issuer = issuer
    self.number = number
    self.date = date
    self.place = place
    self.page = page
  }

  /// How a Chinese message cites it: `《title》（number）`, or `place《title》` without a number.
  public var cited: String {
    if let number { return "\(place)《\(title)》（\(number)）" }
    return "\(place)《\(title)》"
  }

  /// How an English message cites it: the same with ASCII brackets, `《title》 (number)`.
  public var citedEn: String {
    if let number { return "\(place)《\(title)》 (\(number))" }
    return "\(place)《\(title)》"
  }

  /// The citation of one clause: `《title》（number）四（三）`.
  public func at(_ clause: String) -> String { cited + clause }

  /// The same in English: `《title》 (number) 四(三)`.
  public func atEn(_ clause: String) -> String {
    clause.isEmpty ? citedEn : citedEn + " " + clause.replacingOccurrences(of: "（", with: "(").replacingOccurrences(of: "）", with: ")")
  }

  /// The full entry: title and number, issuer, date (and the page of a published table).
  public func entry(_ language: Language) -> String {
    switch language {
    case .zh: return "\(cited)，\(issuer.zh)，\(date.zh)\(page.map { "，\($0)" } ?? "")"
    case .en: return "\(citedEn), issued by \(issuer.en), \(date.en)\(page.map { ", \($0)" } ?? "")"
    }
  }
}

extension CitedDocument {
  /// 《2021年绿园区“双随机、一公开”联合抽查监管工作实施方案》, signed by the district government;
  /// it prints no number and no date.
  public static let lvyuan2021 = CitedDocument(
    key: "lvyuan2021", title: "2021年绿园区“双随机、一公开”联合抽查监管工作实施方案",
    issuer: Text(zh: "长春市绿园区人民政府", en: "the People's Government of Lvyuan District, Changchun"),
    number: nil, date: Text(zh: "2021年", en: "2021"), place: "长春市绿园区")

  public static let yongzhou2019 = CitedDocument(
    key: "yongzhou2019", title: "永州市推动“双随机、一公开”监管工作全覆盖的实施方案",
    issuer: Text(zh: "永州市人民政府办公室", en: "the General Office of the Yongzhou Municipal People's Government"),
    number: "永政办函〔2019〕35号", date: Text(zh: "2019年6月26日", en: "26 June 2019"))

  /// It prints no number and no date.
  public static let changchunCommerce = CitedDocument(
    key: "changchunCommerce", title: "长春市商务局“双随机一公开”监管工作制度",
    issuer: Text(zh: "长春市商务局", en: "the Changchun Municipal Bureau of Commerce"),
    number: nil, date: Text(zh: "未注明日期", en: "undated"))

  /// Issued by the notice 临淄区人民政府关于印发《…》的通知, which prints no number.
  public static let linzi2019 = CitedDocument(
    key: "linzi2019", title: "在市场监管领域全面推行部门联合“双随机、一公开”监管实施方案",
    issuer: Text(zh: "临淄区人民政府", en: "the People's Government of Linzi District, Zibo"),
    number: nil, date: Text(zh: "2019年12月9日", en: "9 December 2019"), place: "临淄区")

  public static let changan2024 = CitedDocument(
    key: "changan2024", title: "2024年石家庄市长安区“双随机、一公开”监管工作实施方案",
    issuer: Text(
      zh: "石家庄市长安区“双随机、一公开”监管工作领导小组办公室",
      en: "the office of the leading group for 'double random, one public' supervision of Chang'an District, Shijiazhuang"),
    number: "长双随机办〔2024〕3号", date: Text(zh: "2024年2月20日", en: "20 February 2024"))

  /// Hebei's credit-risk classes A–D (the classes of `Rules/plan-2024.choucha`), as reported by
  /// 河北新闻网 on 2 August 2022; its number is not given there.
  public static let hebeiCreditRisk = CitedDocument(
    key: "hebeiCreditRisk", title: "河北省市场监督管理局企业信用风险分类管理办法（试行）",
    issuer: Text(zh: "河北省市场监督管理局", en: "the Hebei Administration for Market Regulation"),
    number: nil, date: Text(zh: "2022年", en: "2022"))

  /// The Administrative Penalty Law as revised in 2021 (article 43: recusal).
  public static let administrativePenaltyLaw = CitedDocument(
    key: "administrativePenaltyLaw", title: "中华人民共和国行政处罚法",
    issuer: Text(zh: "全国人民代表大会常务委员会", en: "the Standing Committee of the National People's Congress"),
    number: nil,
    date: Text(zh: "2021年1月22日修订，中华人民共和国主席令第七十号公布", en: "revised 22 January 2021, promulgated by Presidential Order No. 70"))

  /// The State Council General Office's notices that set each year's holidays and the weekend
  /// days made working days (the calendar of `Rules/calendar.choucha`).
  public static let holidays2024 = CitedDocument(
    key: "holidays2024", title: "国务院办公厅关于2024年部分节假日安排的通知",
    issuer: Text(zh: "国务院办公厅", en: "the General Office of the State Council"),
    number: "国办发明电〔2023〕7号", date: Text(zh: "2023年10月25日", en: "25 October 2023"))

  public static let holidays2025 = CitedDocument(
    key: "holidays2025", title: "国务院办公厅关于2025年部分节假日安排的通知",
    issuer: Text(zh: "国务院办公厅", en: "the General Office of the State Council"),
    number: "国办发明电〔2024〕12号", date: Text(zh: "2024年11月12日", en: "12 November 2024"))

  public static let holidays2026 = CitedDocument(
    key: "holidays2026", title: "国务院办公厅关于2026年部分节假日安排的通知",
    issuer: Text(zh: "国务院办公厅", en: "the General Office of the State Council"),
    number: nil, date: Text(zh: "2025年11月4日", en: "4 November 2025"))

  /// Every cited document, in the order above.
  public static let all: [CitedDocument] = [
    lvyuan2021, yongzhou2019, changchunCommerce, linzi2019, changan2024, hebeiCreditRisk, administrativePenaltyLaw,
    holidays2024, holidays2025, holidays2026,
  ]

  /// The document with this title (without 《》), if it is in the table.
  public static func titled(_ title: String) -> CitedDocument? {
    all.first { $0.title == title }
  }
}

/// One clause of a cited document, quoted: what an explanation's “source” says.
public struct Citation: Sendable, Hashable {
  public var document: CitedDocument
  /// Where in the document: `四（三）`, `第五条`, `二（四）`; empty for the whole document.
  public var clause: String
  /// The sentence as the document words it (abridged with ……), or a summary in brackets.
  public var quote: String
  /// What it says, in English.
  public var gist: String

  public init(_ document: CitedDocument, _ clause: String, quote: String, gist: String) {
    self.document = document
    self.clause = clause
    self.quote = quote
    self.gist = gist
  }

  public func rendered(_ language: Language) -> String {
    switch language {
    case .zh: return "\(document.at(clause))：“\(quote)”"
    case .en: return "\(document.atEn(clause)): \(gist)"
    }
  }
}
