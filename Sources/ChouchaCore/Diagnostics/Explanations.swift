/// The explanations behind `choucha explain`: one per `DiagnosticCode`, sorted by code.
///
/// Every example is checked by `ExplanationTests`: `prelude + wrong` must produce the code,
/// `prelude + fixed` must produce neither the code nor any error. The prelude's two inspection
/// powers are left uncovered by most examples, so W0205 warnings appear; only W0205's own fixed
/// example covers them. The import examples read `authorities.csv` (a valid table) and `bad.csv`
/// (a table without the required columns), which the tests supply.
extension Explanation {
  /// One entry per `DiagnosticCode`, sorted by code.
  public static let catalog: [Explanation] = [
    // MARK: - 00 syntax
    Explanation(
      code: .E0001,
      meaning: Text(
        zh: "规则文件必须保存为 UTF-8 编码的纯文本。文件中出现了空字节（NUL）或不能按 UTF-8 读取的字节，通常是用 WPS、Word 保存成了“文档”格式，或另存时选成了 GBK/ANSI 编码。编码不对时后面的中文都可能被读错，系统对每个文件只报告第一处。请在“另存为”时选择“纯文本”和“UTF-8”重新保存。",
        en: "A rule file must be plain text in UTF-8. This file contains a NUL byte or bytes that are not UTF-8, usually because it was saved as a word-processor document or in GBK/ANSI. With the wrong encoding every Chinese character that follows may be misread; only the first such byte of a file is reported. Save the file again as plain text, UTF-8."),
      source: Text(
        zh: "规则语言语法（Grammar.md）：规则文件为 UTF-8 编码的纯文本",
        en: "rule language grammar (Grammar.md): rule files are UTF-8 plain text"),
      wrong: """
        # 下一行末尾有一个看不见的空字节（NUL），常见于用 Word 另存的文件
        部门 SJJ "区审计局" { 类型 本级 }\u{0}

        """,
      fixed: """
        # 已另存为 UTF-8 编码的纯文本
        部门 SJJ "区审计局" { 类型 本级 }

        """),
    Explanation(
      code: .E0002,
      meaning: Text(
        zh: "名称、条款等文字要用一对引号括起来，英文引号 \"…\" 或中文引号 “…” 都可以。这里只有开头的引号，没有结束的引号，系统会把本行剩下的内容都当成文字，同一行后面的 { 和字段就读不到了。引号不能跨行，请在文字末尾补上对应的结束引号。",
        en: "Names, articles and other text are written in a pair of quotes, \"…\" or “…”. This string has an opening quote but no closing one, so the rest of the line is read as text and the '{' and fields after it are lost. A string cannot span lines: add the matching closing quote at the end of the text."),
      source: Text(
        zh: "规则语言语法（Grammar.md）：字符串写在 \"…\" 或 “…” 中，不能跨行",
        en: "rule language grammar (Grammar.md): strings are written in \"…\" or “…” and stay on one line"),
      wrong: """
        部门 SJJ "区审计局 { 类型 本级 }

        """,
      fixed: """
        部门 SJJ "区审计局" { 类型 本级 }

        """),
    Explanation(
      code: .E0003,
      meaning: Text(
        zh: "引号以外只能写编码、关键字、日期、比例，以及逗号、顿号、分号、冒号、花括号等少数符号。书名号《》、括号、句号等写在引号外面，系统无法识别。这多半是从公文或表格里直接粘贴了法规名称，把整段文字放进引号即可。引号内的文字和注释也不能含看不见的控制字符（制表符除外，如 ESC、BEL）和改变显示顺序的方向控制字符（如从右至左覆盖 U+202E）：它们多随粘贴带入，会让名称显示得与实际写的不同，删除即可。",
        en: "Outside quotes a rule file holds only codes, keywords, dates, ratios and a few marks: commas, '、', semicolons, colons and braces. Title marks 《》, brackets or a full stop outside quotes cannot be read. This usually comes from pasting a law title from a document or spreadsheet: put the whole text in quotes. Quoted text and comments, too, may not hold an invisible control character other than tab (ESC, BEL) or a bidi control (RIGHT-TO-LEFT OVERRIDE U+202E): they come in with pasted text and make a name look different from what it is; delete them."),
      source: Text(
        zh: "规则语言语法（Grammar.md）：引号外可用的字符",
        en: "rule language grammar (Grammar.md): the characters allowed outside quotes"),
      wrong: """
        法规 产品质量法 《中华人民共和国产品质量法》 { 施行 1993-09-01 }

        """,
      fixed: """
        法规 产品质量法 "中华人民共和国产品质量法" { 施行 1993-09-01 }

        """),
    Explanation(
      code: .E0004,
      meaning: Text(
        zh: "这个位置按规则语言的格式应当出现某样内容（名称、“{”、“}”、字段值等），实际写的却对不上。最常见的是声明漏写了结束的“}”、编码后面漏写了引号中的名称，或期间漏写了“..”。系统会跳过这一处继续检查，但这条声明可能没有被完整读入，请按提示补齐。",
        en: "The grammar expects something here (a name, '{', '}', a value) and finds something else. Most often a declaration lacks its closing '}', the quoted name after a code is missing, or a window lacks its '..'. Checking goes on past this point, but the declaration may not have been read in full: complete it as the message says."),
      source: Text(
        zh: "规则语言语法（Grammar.md）：声明写作 关键字 编码 \"名称\" { 字段 … }",
        en: "rule language grammar (Grammar.md): a declaration is KEYWORD CODE \"name\" { fields … }"),
      wrong: """
        部门 SJJ "区审计局" { 类型 本级

        """,
      fixed: """
        部门 SJJ "区审计局" { 类型 本级 }

        """),
    Explanation(
      code: .E0005,
      meaning: Text(
        zh: "每个声明和字段都以规定的关键字开头：声明有 部门、法规、权责、事项、一业一查、计划、日历、引入，字段有 类型、依据、比例、频次 等。这里的词不是规则语言认识的关键字，多半是错别字，或者把字段写进了不接受它的声明。系统会提示最接近的关键字，照提示修改即可。",
        en: "Every declaration and field starts with a keyword: declarations are department, law, authority, item, bundle, plan, calendar and import (部门, 法规, 权责, 事项, 一业一查, 计划, 日历, 引入); fields are kind, basis, ratio, frequency and so on. This word is not one of them: usually a typo, or a field written in a declaration that has no such field. The message suggests the closest keyword."),
      source: Text(
        zh: "规则语言语法（Grammar.md）：关键字表（中英文均可）",
        en: "rule language grammar (Grammar.md): the keywords, in Chinese or English"),
      wrong: """
        部们 SJJ "区审计局" { 类型 本级 }

        """,
      fixed: """
        部门 SJJ "区审计局" { 类型 本级 }

        """),
    Explanation(
      code: .E0006,
      meaning: Text(
        zh: "日期、数字和比例有固定写法：日期写作 2024-03-01（四位年、两位月、两位日，半角数字），比例写作 5%、0.5% 或 2‰，次数和户数写半角整数，年度写四位数，时限写 0 到 3650 之间的整数加单位（如 20 工作日；十年以上的时限必是笔误）。这里的值不合写法，或者日期根本不存在（如 2月30日）。值读不出来，施行日期、计划期间和抽查比例就无法参与检查和编排。",
        en: "Dates, numbers and ratios have fixed forms: dates YYYY-MM-DD with ASCII digits (2024-03-01), ratios 5%, 0.5% or 2‰, counts and frequencies whole ASCII numbers, years four digits, durations a whole number from 0 to 3650 and a unit (such as 20 workdays; a period of more than ten years is a typo). This value does not follow its form, or the date does not exist (such as 30 February). A value that cannot be read takes no part in checking or planning."),
      source: Text(
        zh: "规则语言语法（Grammar.md）：日期、比例和整数的写法",
        en: "rule language grammar (Grammar.md): dates, ratios and whole numbers"),
      wrong: """
        法规 产品质量法 "中华人民共和国产品质量法" { 施行 1993-02-30 }

        """,
      fixed: """
        法规 产品质量法 "中华人民共和国产品质量法" { 施行 1993-09-01 }

        """),
    Explanation(
      code: .E0007,
      meaning: Text(
        zh: "一个声明中的每个字段只能写一次。写了两次时，系统只采用第一次的值，第二次被忽略，很可能与起草者的本意不符。请删除其中一处；一个字段有多个值时，用逗号或顿号写在同一个字段里。",
        en: "Each field may appear once in a declaration. When it appears twice only the first value is used and the second is ignored, which is probably not what the author meant. Delete one of them; several values of one field are listed in that field, separated by commas or '、'."),
      source: Text(
        zh: "规则语言语法（Grammar.md）：字段与多个值的写法",
        en: "rule language grammar (Grammar.md): fields and lists of values"),
      wrong: """
        部门 SJJ "区审计局" { 类型 本级; 类型 垂直 }

        """,
      fixed: """
        部门 SJJ "区审计局" { 类型 本级 }

        """),
    Explanation(
      code: .E0008,
      meaning: Text(
        zh: "有些字段是必填的：抽查事项要写明部门、类别、检查对象、检查方式和频次，法规要写施行日期，权责事项要写类型、部门和依据，年度计划要写期间。抽查事项清单须向社会公布，明确抽查项目、抽查依据、抽查主体、抽查内容等；缺少必填内容的事项既不能公示，也无法编排抽查任务。",
        en: "Some fields are required: an item gives its department, category, object types, methods and frequency; a law its effective date; an authority its kind, department and basis; a plan its window. The item list is published and must state what is inspected, on what basis, by whom and how; an item missing these can be neither published nor planned."),
      cites: [
        Citation(.yongzhou2019, "四（三）", quote: "公布本部门市场监管领域“双随机、一公开”抽查事项清单，明确抽查项目、抽查依据、抽查主体、抽查内容、执法权限等事项", gist: "each department publishes its item list, stating what is inspected, the basis, the department, the content and the powers"),
      ],
      wrong: """
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-JC-001
          依据 食品安全法 "第一百一十条"
          类别 一般
          对象 食品经营者
          方式 实地检查、书面检查
          比例 5%
        }

        """,
      fixed: """
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-JC-001
          依据 食品安全法 "第一百一十条"
          类别 一般
          对象 食品经营者
          方式 实地检查、书面检查
          比例 5%
          频次 1
        }

        """),

    Explanation(
      code: .W0009,
      meaning: Text(
        zh: "规则文件中引号之外有看不见或形似空格的字符，多半是从 Word、网页或表格中粘贴来的：零宽空格 U+200B、文中的字节顺序标记 U+FEFF、软连字符 U+00AD 等看不见的字符被忽略（写在编码中间时，编码照样读作去掉它之后的样子）；不换行空格 U+00A0、窄空格 U+2009 等形似空格的字符按空格读取；两个汉字之间的全角空格 U+3000 或不换行空格（“餐饮服务　经营者”）被忽略，读作一个名称。文件照常检查，但这些字符看不见，名称看起来相同却可能不同，请删除：choucha fmt 会删除全部这类字符。若本意是两个值，请用顿号分隔。引号内的文字原样保留。",
        en: "Outside quotes the file holds invisible characters or characters that look like a space, usually pasted from Word, a web page or a spreadsheet: a zero-width space U+200B, a byte order mark U+FEFF inside the file, a soft hyphen U+00AD and the like are ignored (inside a code, the code reads as if they were not there); a no-break space U+00A0, a thin space U+2009 and the like read as a space; a full-width space U+3000 or a no-break space between two Chinese characters ('餐饮服务　经营者') is ignored, so the words read as one name. The file is checked as usual, but such characters cannot be seen and make equal-looking names differ: delete them; choucha fmt removes them all. If two values were meant, separate them with '、'. Text in quotes is kept as it is."),
      source: Text(
        zh: "规则语言语法（Grammar.md）§1 词法：空白与粘贴进来的字符",
        en: "rule language grammar (Grammar.md) §1, lexical rules: white space and pasted characters"),
      wrong: """
        # “类型”之后粘贴进来一个看不见的零宽空格 U+200B，WJW 之后是不换行空格 U+00A0
        部门 SJJ "区审计局" { 类型\u{200B} 本级 }
        部门 WJW\u{A0}"区卫健委" { 类型 本级 }

        """,
      fixed: """
        部门 SJJ "区审计局" { 类型 本级 }
        部门 WJW "区卫健委" { 类型 本级 }

        """),

    // MARK: - 01 names
    Explanation(
      code: .E0101,
      meaning: Text(
        zh: "引用部门、法规、权责事项或抽查事项时要写它的编码，而且这个编码必须在规则库中定义过。这里引用的编码没有定义，常见原因是写了全称而不是编码（如写“区市场监督管理局”而不是 SCJG），或者编码有错字。引用找不到对象，事项就无法归属部门、也无法追溯到权责和依据。",
        en: "Departments, laws, authorities and items are referred to by code, and the code must be defined somewhere in the repository. This code is not defined: often the full name was written instead of the code (区市场监督管理局 instead of SCJG), or the code has a typo. An item whose references cannot be found cannot be traced to a department, a power or a law."),
      source: Text(
        zh: "规则语言语法（Grammar.md）：引用一律写编码",
        en: "rule language grammar (Grammar.md): references are by code"),
      wrong: """
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 区市场监督管理局
          权责 130102-JC-001
          依据 食品安全法 "第一百一十条"
          类别 一般
          对象 食品经营者
          方式 实地检查
          比例 5%
          频次 1
        }

        """,
      fixed: """
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-JC-001
          依据 食品安全法 "第一百一十条"
          类别 一般
          对象 食品经营者
          方式 实地检查
          比例 5%
          频次 1
        }

        """),
    Explanation(
      code: .E0102,
      meaning: Text(
        zh: "部门、法规、权责事项、抽查事项、“一业一查”的编码在整个规则库中只能定义一次，同一年度的日历也只能有一个。编码重复时，引用它的地方分不清指的是哪一个，公示的清单里也会出现两条同号记录。请删除重复的定义，或给其中一个换一个编码。",
        en: "A code of a department, law, authority, item or bundle is defined once in the whole repository, and each year has one calendar. When a code is defined twice, a reference to it is ambiguous and the published list shows two entries with one number. Delete the duplicate or give one of them another code."),
      source: Text(
        zh: "规则语言语法（Grammar.md）：编码在规则库内唯一",
        en: "rule language grammar (Grammar.md): codes are unique in a repository"),
      wrong: """
        部门 SCJG "区商务局" { 类型 本级 }

        """,
      fixed: """
        部门 SWJ "区商务局" { 类型 本级 }

        """),

    // MARK: - 02 authority list and legal bases
    Explanation(
      code: .E0201,
      meaning: Text(
        zh: "“清单之外无监管”：每个随机抽查事项都必须来自本部门权责清单中类型为“行政检查”的事项。事项没有写权责事项，或者引用的是行政许可、行政处罚等其他类型的权力，就等于在法定检查职权之外设立了检查。请改为引用对应的行政检查权责事项。",
        en: "\"No supervision outside the list\": every random-inspection item comes from an entry of the department's authority list of kind inspection (行政检查). An item that cites no authority, or cites a permit, penalty or other power, creates an inspection outside the legal powers. Cite the matching inspection power instead."),
      cites: [
        Citation(.lvyuan2021, "二", quote: "所有行政检查……通过双随机抽查的方式进行，做到“清单之外无监管”", gist: "every inspection goes through random inspection: no supervision outside the list"),
        Citation(.changchunCommerce, "第一条", quote: "依据市政府公布的权责清单，梳理依法应当实施的监督检查职责，制定随机抽查事项清单", gist: "the item list is drawn from the authority list the city government publishes"),
      ],
      wrong: """
        权责 130102-CF-001 "对经营不符合食品安全标准食品的行政处罚" { 类型 行政处罚; 部门 SCJG; 依据 食品安全法 "第一百二十四条" }
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-CF-001
          依据 食品安全法 "第一百一十条"
          类别 一般
          对象 食品经营者
          方式 实地检查
          比例 5%
          频次 1
        }

        """,
      fixed: """
        权责 130102-CF-001 "对经营不符合食品安全标准食品的行政处罚" { 类型 行政处罚; 部门 SCJG; 依据 食品安全法 "第一百二十四条" }
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-JC-001
          依据 食品安全法 "第一百一十条"
          类别 一般
          对象 食品经营者
          方式 实地检查
          比例 5%
          频次 1
        }

        """),
    Explanation(
      code: .E0202,
      meaning: Text(
        zh: "抽查事项应由拥有这项检查权力的部门实施，事项所写的部门必须与所引用权责事项的部门一致。两者不一致，说明要么由无权部门去检查，要么事项挂错了部门，抽查结果也会记到错误的部门名下。按照“谁审批、谁监管，谁主管、谁监管”，请把部门改为权责所属的部门，或引用本部门的权责事项。",
        en: "An item is carried out by the department that holds the inspection power, so the item's department must be the department of the authority it cites. When they differ, either a department without the power inspects, or the item is filed under the wrong department and its results go to the wrong place. Whoever approves or is in charge supervises: change the department, or cite an authority of the item's own department."),
      cites: [
        Citation(.linzi2019, "二（四）", quote: "按照“谁审批、谁监管，谁主管、谁监管”的原则做好后续监管衔接", gist: "whoever approves supervises, whoever is in charge supervises"),
        Citation(.changan2024, "二（四）", quote: "要按照“谁审批、谁监管，谁主管、谁监管”和“谁管辖、谁负责”的原则，做好后续监管衔接", gist: "whoever approves or is in charge supervises"),
      ],
      wrong: """
        事项 SCJG-XF-01 "公众聚集场所消防安全检查" {
          部门 SCJG
          权责 130102-JC-002
          依据 消防法 "第五十三条"
          类别 一般
          对象 公众聚集场所
          方式 实地检查
          比例 5%
          频次 1
        }

        """,
      fixed: """
        事项 XFJY-XF-01 "公众聚集场所消防安全检查" {
          部门 XFJY
          权责 130102-JC-002
          依据 消防法 "第五十三条"
          类别 一般
          对象 公众聚集场所
          方式 实地检查
          比例 5%
          频次 1
        }

        """),
    Explanation(
      code: .E0203,
      meaning: Text(
        zh: "抽查依据必须是在年度计划期间有效的法律法规规章。依据的法规在计划开始前已经废止，或者到计划结束后才施行，据此开展的检查就没有合法依据。抽查事项清单应随法律法规规章的立改废释及时调整，请改为引用现行有效的法规，或核对施行、废止日期。",
        en: "A legal basis must be in force during the annual plan. A law repealed before the plan starts, or taking effect only after it ends, gives no lawful basis for the inspection. The item list follows laws as they are enacted, amended, repealed and interpreted: cite the law in force, or check the effective and repeal dates."),
      cites: [
        Citation(.changchunCommerce, "第一条", quote: "随机抽查事项清单，应当依据法律法规规章的立改废释、层级监督权限的调整等实际情况进行动态调整", gist: "the item list is adjusted as laws are enacted, amended, repealed and interpreted"),
      ],
      wrong: """
        法规 食品卫生法 "中华人民共和国食品卫生法" { 施行 1995-10-30; 废止 2009-06-01 }
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-JC-001
          依据 食品卫生法 "第三十三条"
          类别 一般
          对象 食品经营者
          方式 实地检查
          比例 5%
          频次 1
        }

        """,
      fixed: """
        法规 食品卫生法 "中华人民共和国食品卫生法" { 施行 1995-10-30; 废止 2009-06-01 }
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-JC-001
          依据 食品安全法 "第一百一十条"
          类别 一般
          对象 食品经营者
          方式 实地检查
          比例 5%
          频次 1
        }

        """),
    Explanation(
      code: .E0204,
      meaning: Text(
        zh: "每个抽查事项都要写明法律依据，即法规编码加条款。“凡法律法规规章没有规定的检查事项，一律不得擅自开展检查”，抽查依据也是事项清单必须向社会公开的内容。没有依据的事项不能列入随机抽查事项清单。",
        en: "Every item states its legal basis: a law code and the article. No inspection may be carried out that no law, regulation or rule provides for, and the basis is part of what the published item list must show. An item without a basis cannot be on the list."),
      cites: [
        Citation(.yongzhou2019, "二（一）", quote: "凡法律法规规章明确规定的检查事项，全面推行随机抽查；凡法律法规规章没有规定的检查事项，一律不得擅自开展检查", gist: "no inspection without a provision in a law, regulation or rule"),
        Citation(.yongzhou2019, "四（三）", quote: "公布本部门市场监管领域“双随机、一公开”抽查事项清单，明确抽查项目、抽查依据、抽查主体、抽查内容、执法权限等事项", gist: "each department publishes its item list, stating what is inspected, the basis, the department, the content and the powers"),
      ],
      wrong: """
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-JC-001
          类别 一般
          对象 食品经营者
          方式 实地检查
          比例 5%
          频次 1
        }

        """,
      fixed: """
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-JC-001
          依据 食品安全法 "第一百一十条"
          类别 一般
          对象 食品经营者
          方式 实地检查
          比例 5%
          频次 1
        }

        """),
    Explanation(
      code: .W0205,
      meaning: Text(
        zh: "随机抽查事项清单应覆盖本部门全部行政检查事项。这项行政检查权责还没有任何抽查事项与之对应，日常监管就会出现空白，或者只能以随意检查代替随机抽查。请为它编写抽查事项；确属投诉举报、上级交办、其他部门移交等不纳入随机抽查的，在权责事项中写明 豁免 \"原因\"。",
        en: "The item list must cover every inspection power of the department. No item covers this power, which leaves a gap in supervision or invites ad-hoc inspections instead of random ones. Write an item for it; if it is not subject to random inspection (complaints, assignments from above, referrals from other departments), add exempt \"reason\" to the authority."),
      cites: [
        Citation(.yongzhou2019, "三", quote: "除投诉举报、上级交办、其他部门移交和重点监管事项外，各部门随机抽查事项要达到本部门市场监管领域监管执法事项的100%", gist: "apart from complaints, assignments, referrals and key supervision, random-inspection items cover 100% of a department's inspection powers"),
      ],
      wrong: """
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-JC-001
          依据 食品安全法 "第一百一十条"
          类别 一般
          对象 食品经营者
          方式 实地检查
          比例 5%
          频次 1
        }

        """,
      fixed: """
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-JC-001
          依据 食品安全法 "第一百一十条"
          类别 一般
          对象 食品经营者
          方式 实地检查
          比例 5%
          频次 1
        }
        事项 XFJY-XF-01 "公众聚集场所消防安全检查" {
          部门 XFJY
          权责 130102-JC-002
          依据 消防法 "第五十三条"
          类别 一般
          对象 公众聚集场所
          方式 实地检查
          比例 5%
          频次 1
        }

        """),
    Explanation(
      code: .W0206,
      meaning: Text(
        zh: "这项权责事项写明了“豁免”，即不纳入随机抽查（如因投诉举报、转办交办引发的检查），却仍有抽查事项引用它。两者自相矛盾：如果这项权力应当随机抽查，就删除豁免；如果不应随机抽查，就删除这个抽查事项。这只是警告，但清单公示前应核实清楚。",
        en: "This authority is marked exempt from random inspection (for instance inspections triggered by complaints or referrals), yet an item cites it. The two contradict each other: if the power is to be randomly inspected, remove the exemption; if not, remove the item. It is a warning, but settle it before the list is published."),
      cites: [
        Citation(.yongzhou2019, "三", quote: "除投诉举报、上级交办、其他部门移交和重点监管事项外，各部门随机抽查事项要达到本部门市场监管领域监管执法事项的100%", gist: "apart from complaints, assignments, referrals and key supervision, random-inspection items cover 100% of a department's inspection powers"),
        Citation(.linzi2019, "二（五）", quote: "对通过投诉举报、转办交办、数据监测等方式发现的违法违规个案线索，相关部门要及时依法实施检查和处置", gist: "cases from complaints and referrals are inspected and handled one by one"),
      ],
      wrong: """
        权责 130102-JC-003 "对投诉举报涉及的食品经营者的核查" {
          类型 行政检查; 部门 SCJG; 依据 食品安全法 "第一百一十条"
          豁免 "投诉举报引发的检查，不纳入随机抽查"
        }
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-JC-003
          依据 食品安全法 "第一百一十条"
          类别 一般
          对象 食品经营者
          方式 实地检查
          比例 5%
          频次 1
        }

        """,
      fixed: """
        权责 130102-JC-003 "对投诉举报涉及的食品经营者的核查" {
          类型 行政检查; 部门 SCJG; 依据 食品安全法 "第一百一十条"
          豁免 "投诉举报引发的检查，不纳入随机抽查"
        }
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-JC-001
          依据 食品安全法 "第一百一十条"
          类别 一般
          对象 食品经营者
          方式 实地检查
          比例 5%
          频次 1
        }

        """),

    // MARK: - 03 sampling
    Explanation(
      code: .E0301,
      meaning: Text(
        zh: "抽查比例（含最低覆盖率）应在 0% 到 100% 之间，抽查数量至少为 1 户。超出范围的比例无法执行，多半是把户数写成了比例，或者多写了一位数。要抽查固定户数时请写 数量 N。",
        en: "A ratio (and the minimum coverage) lies between 0% and 100%, and a count is at least 1. A ratio out of range cannot be carried out; usually a number of businesses was written as a ratio, or a digit too many was typed. For a fixed number of targets write count N."),
      cites: [
        Citation(.changchunCommerce, "第五条", quote: "根据监管职责，逐项提出具体的抽查比例", gist: "give each item a specific ratio"),
      ],
      wrong: """
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-JC-001
          依据 食品安全法 "第一百一十条"
          类别 一般
          对象 食品经营者
          方式 实地检查
          比例 150%
          频次 1
        }

        """,
      fixed: """
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-JC-001
          依据 食品安全法 "第一百一十条"
          类别 一般
          对象 食品经营者
          方式 实地检查
          比例 15%
          频次 1
        }

        """),
    Explanation(
      code: .W0302,
      meaning: Text(
        zh: "按企业信用风险分类实行差异化抽查时，风险越高的企业抽查比例应越高：A 类（信用风险低）≤ B 类 ≤ C 类 ≤ D 类（信用风险高）。这里风险更高的类别比例反而更低，与“对高风险主体加大比例和频次”的要求相反。请检查是否把各类的比例写反了。比例块中的 `异常 30%`（列入经营异常名录的主体自成一层）同样不应低于各类中最高的比例：这些主体本应加大抽查比例，比例更低反而少抽了它们。",
        en: "With credit-risk-differentiated draws the riskier class gets the higher ratio: A (low risk) ≤ B ≤ C ≤ D (high risk). Here a riskier class has a lower ratio, the opposite of raising ratio and frequency for high-risk entities. Check whether the ratios were written in reverse order. Likewise `abnormal 30%` in a ratio block (entities on the abnormal-operation list, a stratum of their own) should not be below the highest class ratio: those entities are to be drawn more, and a lower ratio draws them less."),
      cites: [
        Citation(.changan2024, "二（三）", quote: "建立健全与企业信用风险分级分类相适应的随机抽查机制", gist: "random inspection follows the credit-risk classes"),
        Citation(.changan2024, "二（三）", quote: "对重点检查事项、重要监管领域及高风险主体要通过加大比例和频次等监管措施，守住安全底线", gist: "higher ratio and frequency for key items and high-risk entities"),
        Citation(.changchunCommerce, "第五条", quote: "针对投诉举报多、列入经营异常名录或有严重违法违规记录等情况的市场主体，加大随机抽查比例", gist: "raise the ratio for entities on the abnormal-operation list"),
      ],
      wrong: """
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-JC-001
          依据 食品安全法 "第一百一十条"
          类别 一般
          对象 食品经营者
          方式 实地检查
          比例 { A 20%  B 10%  C 5%  D 3% }
          频次 1
        }

        """,
      fixed: """
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-JC-001
          依据 食品安全法 "第一百一十条"
          类别 一般
          对象 食品经营者
          方式 实地检查
          比例 { A 3%  B 5%  C 10%  D 20% }
          频次 1
        }

        """),
    Explanation(
      code: .E0303,
      meaning: Text(
        zh: "按信用风险分类写抽查比例时，要为年度计划中的每一个分类（计划未写时为 A、B、C、D）各写一个比例，也不能写计划里没有的分类。漏写某一类，该类企业就不会被抽到；多出的分类则无从对应。某一类确实不抽查的，请明确写 0%。",
        en: "Class ratios give one ratio for every credit-risk class of the annual plan (A, B, C, D unless the plan says otherwise), and no class the plan lacks. Businesses of a missing class are never drawn; an extra class matches nothing. Write 0% for a class that is not drawn."),
      cites: [
        Citation(.changan2024, "二（三）", quote: "运用信用风险分级分类开展的抽查数量占比要达到本地总抽查数的100%", gist: "100% of draws use the credit-risk classes"),
      ],
      wrong: """
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-JC-001
          依据 食品安全法 "第一百一十条"
          类别 一般
          对象 食品经营者
          方式 实地检查
          比例 { A 3%  B 5%  C 10% }
          频次 1
        }

        """,
      fixed: """
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-JC-001
          依据 食品安全法 "第一百一十条"
          类别 一般
          对象 食品经营者
          方式 实地检查
          比例 { A 3%  B 5%  C 10%  D 20% }
          频次 1
        }

        """),
    Explanation(
      code: .E0304,
      meaning: Text(
        zh: "每个抽查事项都要有具体的抽查比例或抽查数量，而且只能写其中一种。没有比例或数量，就无法从检查对象名录库中抽取检查对象；两者都写，则不知道以哪个为准。",
        en: "Every item gives a specific ratio or a count, and only one of the two. Without either, no targets can be drawn from the target directory; with both, it is unclear which applies."),
      cites: [
        Citation(.changchunCommerce, "第五条", quote: "根据监管职责，逐项提出具体的抽查比例", gist: "give each item a specific ratio"),
        Citation(.yongzhou2019, "四（五）", quote: "方案内容除了抽查计划内容外还应该包括以下内容：抽取的比例或数量、参加抽查人员、抽查方式、抽查实施时间、抽查结果处理等内容", gist: "an implementation plan gives the ratio or the number drawn, the inspectors, the methods, the dates and the handling of results"),
      ],
      wrong: """
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-JC-001
          依据 食品安全法 "第一百一十条"
          类别 一般
          对象 食品经营者
          方式 实地检查
          频次 1
        }

        """,
      fixed: """
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-JC-001
          依据 食品安全法 "第一百一十条"
          类别 一般
          对象 食品经营者
          方式 实地检查
          比例 5%
          频次 1
        }

        """),
    Explanation(
      code: .E0305,
      meaning: Text(
        zh: "频次是每年抽查的次数，至少为 1；年度计划中的最多检查次数、每户检查人数、企业基数和每户最多要点也同样至少为 1。写成 0 或负数，该事项实际上不会被安排抽查。重点检查事项可以提高频次，但不能没有频次。频次为 N 的任务抽取 N 轮，每轮占抽查时间的一段（第 k 轮为 D 天中的第 ⌊(k−1)·D/N⌋ 到 ⌊k·D/N⌋−1 天），所以频次也不能多于抽查时间的天数。",
        en: "A frequency is the number of inspections a year and is at least 1; so are a plan's maximum visits, inspectors per visit, enterprise base and maximum points per sheet. With 0 or a negative number the item is never scheduled. Key items may have a higher frequency, never none. A task of frequency N is drawn in N rounds, each on its own part of the window (round k: days ⌊(k−1)·D/N⌋ to ⌊k·D/N⌋−1 of its D days), so a frequency is also at most the window's days."),
      cites: [
        Citation(.yongzhou2019, "四（二）", quote: "明确本部门开展该项工作的组织领导、职责分工、双随机抽查的范围、重点监管事项、抽查程序、抽查方式、抽查比例和频次", gist: "each department's rules state the ratio and frequency of its inspections"),
        Citation(.changan2024, "二（三）", quote: "对重点检查事项、重要监管领域及高风险主体要通过加大比例和频次等监管措施，守住安全底线", gist: "higher ratio and frequency for key items and high-risk entities"),
      ],
      wrong: """
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-JC-001
          依据 食品安全法 "第一百一十条"
          类别 一般
          对象 食品经营者
          方式 实地检查
          比例 5%
          频次 0
        }

        """,
      fixed: """
        事项 SCJG-SP-01 "食品经营者监督检查" {
          部门 SCJG
          权责 130102-JC-001
          依据 食品安全法 "第一百一十条"
          类别 一般
          对象 食品经营者
          方式 实地检查
          比例 5%
          频次 1
        }

        """),

    // MARK: - 04 joint inspection bundles
    Explanation(
      code: .E0401,
      meaning: Text(
        zh: "“一业一查”由发起部门作为牵头部门组织实施，牵头部门自己也应有抽查事项列入其中。牵头部门在这个“一业一查”里没有任何事项，就成了不参与检查的部门组织联合抽查，职责不清。请把牵头部门改为参与检查的部门之一，或把牵头部门的事项加进来。",
        en: "A bundle is organised by the department that initiates it, and that lead department has items of its own in it. Here the lead has none, so a department that does not inspect would organise the joint inspection. Make one of the participating departments the lead, or add an item of the lead department."),
      cites: [
        Citation(.linzi2019, "二（三）", quote: "发起部门作为牵头部门，依托省工作平台，具体负责组织实施", gist: "the initiating department leads and organises the joint inspection"),
      ],
      wrong: jointItems + """
        部门 SWJ "区商务局" { 类型 本级 }
        一业一查 CY-01 "餐饮行业“一业一查”" {
          牵头 SWJ
          行业 餐饮
          事项 SCJG-SP-01、XFJY-XF-01
        }

        """,
      fixed: jointItems + """
        部门 SWJ "区商务局" { 类型 本级 }
        一业一查 CY-01 "餐饮行业“一业一查”" {
          牵头 SCJG
          行业 餐饮
          事项 SCJG-SP-01、XFJY-XF-01
        }

        """),
    Explanation(
      code: .W0402,
      meaning: Text(
        zh: "“一业一查”是部门联合抽查：把不同部门对同一行业的检查合并为一次，做到“进一次门、查多项事”。这里的事项都属于同一个部门，算不上部门联合抽查，也不应计入联合抽查的占比。请加入其他部门对该行业的抽查事项；单一部门的事项无需组成“一业一查”。",
        en: "A bundle is a joint inspection: the inspections of several departments in one industry become one visit, \"enter once, check many things\". All items here belong to one department, so it is not a joint inspection and does not count towards the joint-inspection share. Add other departments' items for the industry; a single department needs no bundle."),
      cites: [
        Citation(.changan2024, "二（二）", quote: "全面推行“一业一查”部门联合抽查模式", gist: "joint inspections by industry bundles (一业一查) across departments"),
        Citation(.changan2024, "二（二）", quote: "除特殊情况外，联合抽查次数占比、户数占比均实现100%", gist: "apart from special cases, 100% of inspections, by count and by entities, are joint"),
      ],
      wrong: restaurantFoodItem + """
        一业一查 CY-01 "餐饮行业“一业一查”" {
          牵头 SCJG
          行业 餐饮
          事项 SCJG-SP-01
        }

        """,
      fixed: jointItems + """
        一业一查 CY-01 "餐饮行业“一业一查”" {
          牵头 SCJG
          行业 餐饮
          事项 SCJG-SP-01、XFJY-XF-01
        }

        """),
    Explanation(
      code: .E0403,
      meaning: Text(
        zh: "“一业一查”的实施期间必须在当年抽查计划的期间之内。在计划期间以外开展检查，等于实施未经公示的抽查计划。请把期间调整到计划期间之内，或者先调整年度计划并重新公示。",
        en: "A bundle's window lies inside the window of that year's plan. Inspecting outside it amounts to carrying out an unpublished plan. Move the window inside the plan window, or first change the annual plan and publish it again."),
      cites: [
        Citation(.yongzhou2019, "四（四）", quote: "工作计划及调整情况及时报同级人民政府备案并在政府网站公示，未经公示的随机抽查工作计划不得实施", gist: "plans are filed and published; an unpublished plan may not be carried out"),
      ],
      wrong: jointItems + """
        一业一查 CY-01 "餐饮行业“一业一查”" {
          牵头 SCJG
          行业 餐饮
          事项 SCJG-SP-01、XFJY-XF-01
          期间 2024-01-15 .. 2024-06-30
        }

        """,
      fixed: jointItems + """
        一业一查 CY-01 "餐饮行业“一业一查”" {
          牵头 SCJG
          行业 餐饮
          事项 SCJG-SP-01、XFJY-XF-01
          期间 2024-03-01 .. 2024-06-30
        }

        """),
    Explanation(
      code: .W0404,
      meaning: Text(
        zh: "不同部门的抽查事项检查同一类对象（如都检查餐饮服务经营者），却没有放进同一个“一业一查”。这样同一家企业一年里会被不同部门分别上门检查，增加企业负担。对检查主体和领域重合的抽查应实行联合抽查，做到“进一次门、查多项事”。两个部门须在同一个“一业一查”中才算联合；经几个“一业一查”相连（甲与乙一个、乙与丙另一个）不算甲与丙联合，那仍是两次上门。每个部门检查该对象的第一个事项至多报告一次（每个事项一个警告），列出在它之前、未与它同在任何“一业一查”中的其他部门事项，至多 3 个，其余写作“等 N 个”。",
        en: "Items of different departments inspect the same object type (both inspect restaurants, say) but share no bundle. The same business is then visited separately by each department, a needless burden. Overlapping inspections are to be joined: \"enter once, check many things\". Two departments are joined only by a bundle holding both; a chain of bundles (A with B in one, B with C in another) does not join A and C, which are still two visits. Each department's first item on the object is reported at most once (one warning per item), naming up to 3 earlier items of other departments that share no bundle with it, and counting the rest."),
      cites: [
        Citation(.yongzhou2019, "四（四）", quote: "对检查主体和领域重合或重叠的抽查计划实行联合抽查，实现“进一次门、查多项事”", gist: "overlapping plans become joint inspections: enter once, check many things"),
      ],
      wrong: jointItems,
      fixed: jointItems + """
        一业一查 CY-01 "餐饮行业“一业一查”" {
          牵头 SCJG
          行业 餐饮
          事项 SCJG-SP-01、XFJY-XF-01
        }

        """),
    Explanation(
      code: .E0405,
      meaning: Text(
        zh: "在同一行业中，一个抽查事项只能列入一个“一业一查”。同一事项列入两个“一业一查”，同一家企业就会因同一事项被抽查两次，违背“无事不扰”。请只在一个“一业一查”中保留该事项，或把两个“一业一查”合并。",
        en: "Within one industry an item belongs to one bundle only. An item in two bundles of the same industry gets the same business inspected twice for the same thing, against \"no disturbance without cause\". Keep the item in one bundle, or merge the two bundles."),
      cites: [
        Citation(.changan2024, "二（二）", quote: "全面推行“一业一查”部门联合抽查模式", gist: "joint inspections by industry bundles (一业一查) across departments"),
        Citation(.changan2024, "一（三）", quote: "努力实现既“无事不扰”又“无处不在”", gist: "no disturbance without cause, yet supervision everywhere"),
      ],
      wrong: jointItems + """
        一业一查 CY-01 "餐饮行业“一业一查”" {
          牵头 SCJG
          行业 餐饮
          事项 SCJG-SP-01、XFJY-XF-01
        }
        一业一查 CY-02 "餐饮场所消防安全联合检查" {
          牵头 XFJY
          行业 餐饮
          事项 XFJY-XF-01、SCJG-SP-01
        }

        """,
      fixed: jointItems + """
        一业一查 CY-01 "餐饮行业“一业一查”" {
          牵头 SCJG
          行业 餐饮
          事项 SCJG-SP-01、XFJY-XF-01
        }

        """),

    // MARK: - 05 plan and calendar
    Explanation(
      code: .E0501,
      meaning: Text(
        zh: "随机抽查必须依据制定并公示的年度抽查计划，每个年度有且只有一个计划。规则库中没有计划，所有抽查都无从安排；同一年度有两个计划，期间、时限等要求就不知以哪个为准。各部门、各项工作的安排应合并进同一个年度计划。",
        en: "Random inspections follow an annual plan that is drawn up and published, exactly one per year. Without a plan nothing can be scheduled; with two plans for a year, it is unclear whose window and deadlines apply. Merge the arrangements of all departments and tasks into the one annual plan."),
      cites: [
        Citation(.yongzhou2019, "四（四）", quote: "工作计划及调整情况及时报同级人民政府备案并在政府网站公示，未经公示的随机抽查工作计划不得实施", gist: "plans are filed and published; an unpublished plan may not be carried out"),
        Citation(.linzi2019, "二（二）", quote: "制定年度抽查工作计划，每年1月底前向区市场监管局备案，同时通过门户网站……向社会公开", gist: "the annual plan is filed by the end of January and published"),
      ],
      wrong: """
        计划 2024 "2024年消防安全抽查计划" { 期间 2024-05-01 .. 2024-10-31 }

        """,
      fixed: """
        # 消防安全抽查已并入“2024年抽查工作计划”：每个年度只有一个计划

        """),
    Explanation(
      code: .E0502,
      meaning: Text(
        zh: "日历用来计算“20个工作日内公示抽查结果”等期限，按年度写明法定节假日和调休补班日。一个年度的日历只能写本年度的日期，同一天也不能既是节假日又是补班日。日历写错，工作日期限就会算错。",
        en: "Calendars count working-day deadlines such as publishing results within 20 working days; each lists one year's public holidays and the weekend days made working days. A calendar holds only dates of its own year, and no day is both a holiday and a working day. A wrong calendar makes every working-day deadline wrong."),
      cites: [
        Citation(.lvyuan2021, "五（7）", quote: "自抽查工作结束之日起20个工作日内，将抽查结果通过综合监管平台向社会公布", gist: "results are published within 20 working days of the end of the inspection"),
        Citation(.linzi2019, "二（四）", quote: "在20个工作日内将抽查结果依法录入省工作平台，由省工作平台推送至公示系统（山东）进行公示", gist: "results are published within 20 working days"),
        Citation(.holidays2024, "", quote: "现将2024年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下", gist: "the year's holidays and the weekend days made working days"),
      ],
      wrong: """
        日历 2025 {
          节假日 2025-10-01 .. 2025-10-08
          补班 2025-09-28, 2025-10-11, 2026-01-04
        }

        """,
      fixed: """
        日历 2025 {
          节假日 2025-10-01 .. 2025-10-08
          补班 2025-09-28, 2025-10-11
        }
        日历 2026 {
          补班 2026-01-04
        }

        """),
    Explanation(
      code: .W0503,
      meaning: Text(
        zh: "抽查结果要在检查结束后 20 个工作日内公示，工作日要按国务院办公厅发布的放假安排（节假日和调休补班）计算。期限落在没有日历的年度时，只能把周六周日当作休息日来算，国庆、春节等假期会被算成工作日，公示期限因此提前。",
        en: "Results are published within 20 working days of the end of an inspection, counted on the State Council's holiday calendar (holidays and weekend days made working days). When a deadline falls in a year with no calendar, only weekends are skipped: holidays such as National Day count as working days, and the deadline comes too early."),
      cites: [
        Citation(.lvyuan2021, "五（7）", quote: "自抽查工作结束之日起20个工作日内，将抽查结果通过综合监管平台向社会公布", gist: "results are published within 20 working days of the end of the inspection"),
        Citation(.linzi2019, "二（四）", quote: "在20个工作日内将抽查结果依法录入省工作平台，由省工作平台推送至公示系统（山东）进行公示", gist: "results are published within 20 working days"),
      ],
      wrong: """
        计划 2025 "2025年抽查工作计划" { 期间 2025-03-01 .. 2025-11-30 }

        """,
      fixed: """
        计划 2025 "2025年抽查工作计划" { 期间 2025-03-01 .. 2025-11-30 }
        日历 2025 {
          节假日 2025-10-01 .. 2025-10-08
          补班 2025-09-28, 2025-10-11
        }

        """),
    Explanation(
      code: .E0504,
      meaning: Text(
        zh: "日期范围写作 开始日期 .. 结束日期，结束日期不能早于开始日期。写反的范围不包含任何一天，按这个范围安排的期间或节假日都不会生效。",
        en: "A date range is written START .. END, and the end is not before the start. A reversed range contains no day, so a window or holiday given by it has no effect."),
      source: Text(
        zh: "规则语言语法（Grammar.md）：日期范围写作 开始日期 .. 结束日期",
        en: "rule language grammar (Grammar.md): a range is START .. END"),
      wrong: """
        日历 2025 {
          节假日 2025-10-08 .. 2025-10-01
        }

        """,
      fixed: """
        日历 2025 {
          节假日 2025-10-01 .. 2025-10-08
        }

        """),
    Explanation(
      code: .E0505,
      meaning: Text(
        zh: "年度计划的期间必须落在本年度之内，例如 2025 年计划的期间在 2025-01-01 至 2025-12-31 之间。跨年的期间会和下一年度的计划重叠，也不符合按年度制定、按年度公示抽查计划的要求。通常 1 月制定计划，2 月至 11 月开展抽查，12 月总结。",
        en: "An annual plan's window lies within its year: a 2025 plan runs between 2025-01-01 and 2025-12-31. A window crossing into the next year overlaps the next plan and breaks the yearly cycle of drawing up and publishing plans. Usually the plan is made in January, inspections run February to November and December is for the summary."),
      cites: [
        Citation(.lvyuan2021, "四", quote: "（一）前期筹划（1月初启动）……（四）开展跨部门联合抽查（2月末-11月末）……（5）总结工作（12月初）", gist: "planning in January, inspections from February to November, summary in December"),
        Citation(.linzi2019, "二（二）", quote: "制定年度抽查工作计划，每年1月底前向区市场监管局备案，同时通过门户网站……向社会公开", gist: "the annual plan is filed by the end of January and published"),
      ],
      wrong: """
        计划 2025 "2025年抽查工作计划" { 期间 2025-03-01 .. 2026-01-31 }

        """,
      fixed: """
        计划 2025 "2025年抽查工作计划" { 期间 2025-03-01 .. 2025-11-30 }

        """),

    // MARK: - 06 imports
    Explanation(
      code: .E0601,
      meaning: Text(
        zh: "“引入 权责”要读取规则库中的权责清单表格（CSV 文件），但这个文件不存在、无法读取、不是普通文件（目录、命名管道、设备或 /proc 之类的系统文件），或者路径超出了规则库目录（用 .. 或符号链接）。路径相对于当前规则文件所在的文件夹。规则库之外的文件一律不读，也不在诊断中引用，以免拉取请求中的一个链接把系统文件或密钥带进检查结果。文件读不到，其中的权责事项都不会纳入检查，覆盖情况也无从核对。表格须是 UTF-8 或 GB18030 编码（Excel、WPS 另存为 CSV 的默认编码，与 choucha import 的规则相同）；UTF-16 的“Unicode 文本”等其他编码也报此错误。引入失败时，引用这个表格中权责的事项不再逐个报 E0101。“引入 抽取”的路径同样要在规则库之内；choucha build 读取它来写一企一表，抽取结果读不了、不是 choucha draw 写出的文档、是另一年度的、含有计划中没有的任务，或规则引入了不止一个抽取结果时，也报此错误（文件尚不存在时只注明：抽取在第一次构建之后）。",
        en: "An import of authorities reads a table of the authority list (a CSV file) in the repository, but the file does not exist, cannot be read, is not a regular file (a directory, a named pipe, a device or a system file such as /proc), or the path leaves the repository (by .. or a symbolic link). The path is relative to the importing file's folder. Nothing outside the repository is read or quoted, so that a link in a pull request cannot bring a system file or a secret into the report. When the file cannot be read, none of its powers are checked and coverage cannot be verified. The table must be UTF-8 or GB18030 (what Excel and WPS save as CSV in China; the rule choucha import follows): UTF-16 \"Unicode text\" or any other encoding is this error too. When an import fails, the items citing its powers get no E0101 each. The path of an import draw is held to the repository too; choucha build reads it for the sheets (一企一表), and a draw that cannot be read, is no document choucha draw wrote, is of another year, names a task the plan does not have, or is the second draw the rules import is this error as well (a file not there yet is only noted: the draw comes after the first build)."),
      source: Text(
        zh: "规则语言语法（Grammar.md）：引入 权责 \"文件.csv\"",
        en: "rule language grammar (Grammar.md): import authorities \"file.csv\""),
      cites: [
        Citation(.changchunCommerce, "第一条", quote: "依据市政府公布的权责清单，梳理依法应当实施的监督检查职责，制定随机抽查事项清单", gist: "the item list is drawn from the authority list the city government publishes"),
      ],
      wrong: """
        引入 权责 "权责清单.csv"

        """,
      fixed: """
        引入 权责 "authorities.csv"

        """),
    Explanation(
      code: .E0602,
      meaning: Text(
        zh: "引入的权责清单表格格式不对：缺少必需的列（事项编码、事项名称、事项类型、实施主体、设定依据），某一行的单元格数与表头不一致，必填单元格为空，或者引号没有闭合。这样的行无法转换为权责事项，清单就会有遗漏。单元格也不能含看不见的控制字符（制表符和换行除外，如 ESC、BEL）或方向控制字符（如从右至左覆盖 U+202E），它们会原样进入抽查事项清单；choucha draw 读入的检查对象名录和执法检查人员名录的单元格同样如此，否则企业或人员名称会原样进入公开的抽取结果。请对照表头修改表格，再导出为 CSV。choucha import 读入的表格有同样的问题（空文件、既不是 UTF-8 也不是 GB18030、第一行不是表头、缺少事项名称列）时也报此错误，且不写出任何内容。",
        en: "The imported authority table is malformed: a required column is missing (事项编码, 事项名称, 事项类型, 实施主体, 设定依据), a row has more or fewer cells than the header, a required cell is empty, or a quote is not closed. Such rows cannot become authorities, so powers go missing. Nor may a cell hold an invisible control character other than tab and line breaks (ESC, BEL) or a bidi control (RIGHT-TO-LEFT OVERRIDE U+202E): it would go into the item list as it is; so with the cells of the directories choucha draw reads, whose names would go into the published draw as they are. Fix the table against its header and export it to CSV again. choucha import reports the same problems in the sheet it reads (an empty file, neither UTF-8 nor GB18030, no heading row, no item column) and then writes nothing."),
      source: Text(
        zh: "规则语言语法（Grammar.md）：权责清单表格的列",
        en: "rule language grammar (Grammar.md): the columns of an authority table"),
      cites: [
        Citation(.changchunCommerce, "第一条", quote: "依据市政府公布的权责清单，梳理依法应当实施的监督检查职责，制定随机抽查事项清单", gist: "the item list is drawn from the authority list the city government publishes"),
      ],
      wrong: """
        引入 权责 "bad.csv"

        """,
      fixed: """
        引入 权责 "authorities.csv"

        """),
    Explanation(
      code: .W0603,
      meaning: Text(
        zh: "choucha import 把表格中含义唯一的单元格写成字段：5%、2‰、不低于3%（写 3%）、A3% B4% C5% D6%（按信用风险分类）、1次/年、每年不少于1次（写 1）、=1、>=1。范围（10-20%、60-70家、1—2次/年）、文字说明和无法识别的检查方式没有唯一的值，规则语言也写不出来：导入时原文保留在该字段位置的注释中，并指明表格的行和列。请定下一个确定的值写成字段，再删去注释。单元格中规则文件不能写的字符（ESC 等控制字符、行分隔符、方向控制字符）也不能原样写入：名称和注释中写作其码位（如 ‹U+001B›），警告指在该字符处；核对原表后删去标记或改为应有的文字。",
        en: "choucha import turns a cell into a field when it has one meaning: 5%, 2‰, 不低于3% (written 3%), A3% B4% C5% D6% (per credit-risk class), 1次/年, 每年不少于1次 (written 1), =1, >=1. A range (10-20%, 60-70家, 1—2次/年), prose or an unknown method has no single value the rules can hold: the cell is kept verbatim in a comment where the field would be, and the warning names the row and column. Decide on one value, write it as the field and delete the comment. A character a rule file cannot hold (a control such as ESC, a line separator, a bidi control) cannot be written as it is either: names and comments give its code point (‹U+001B›) and the warning points at it; check the sheet, then delete the marker or write what was meant."),
      cites: [
        Citation(.changchunCommerce, "第五条", quote: "根据监管职责，逐项提出具体的抽查比例", gist: "give each item a specific ratio"),
      ],
      wrong: """
        抽查事项,检查对象,事项类别,检查方式,检查主体,抽查比例,抽查频次
        对食品经营者的监督检查,食品经营者,一般检查事项,现场检查,区市场监督管理局,10-20%,1次/年

        """,
      fixed: """
        抽查事项,检查对象,事项类别,检查方式,检查主体,抽查比例,抽查频次
        对食品经营者的监督检查,食品经营者,一般检查事项,现场检查,区市场监督管理局,10%,1次/年

        """),
    Explanation(
      code: .W0604,
      meaning: Text(
        zh: "choucha import 认得政府表格常用的列名：序号、抽查领域/抽查类别、抽查事项/抽查事项名称/事项名称（可带“(56项)”之类的括注）、抽查子项、检查对象/抽查对象、事项类别/事项类型、检查方式/抽查方式、检查主体/抽查主体、发起部门、联查部门、单位名称、抽查依据/检查依据、抽查比例、抽查比例及频次、抽查频次、抽查数量、检查内容、备注、配合部门、抽查时间等；权责清单认得事项编码、事项名称、事项类型/职权类别、实施主体、设定依据、豁免原因。其他列名无法识别：这一列的内容原样保留在每个事项的注释中，不会丢失，但不会成为字段。没有列名却有内容的列同样警告，其内容以“第N列：”保留在注释中。结果表格（引入 结果）中不认得的列、重复的列和没有列名却有内容的列也报这个警告：这一列留在表格中，但不读取、不参与检查；结果表格可识别的列名见 Grammar.md 第 8 节。",
        en: "choucha import knows the headings governments use: 序号, 抽查领域/抽查类别, 抽查事项/抽查事项名称/事项名称 (notes in brackets such as (56项) allowed), 抽查子项, 检查对象/抽查对象, 事项类别/事项类型, 检查方式/抽查方式, 检查主体/抽查主体, 发起部门, 联查部门, 单位名称, 抽查依据/检查依据, 抽查比例, 抽查比例及频次, 抽查频次, 抽查数量, 检查内容, 备注, 配合部门, 抽查时间 and more; for an authority list 事项编码, 事项名称, 事项类型/职权类别, 实施主体, 设定依据, 豁免原因. Any other column is kept as written in a comment of each item: nothing is lost, but it becomes no field. A column with no heading but with cells is reported too, its cells kept in comments as '第N列：…'. In a results table (import results) an unknown, repeated or unnamed column holding values is reported too: it stays in the table but is not read nor checked; the headings a results table knows are in Grammar.md, section 8."),
      cites: [
        Citation(.yongzhou2019, "四（三）", quote: "公布本部门市场监管领域“双随机、一公开”抽查事项清单，明确抽查项目、抽查依据、抽查主体、抽查内容、执法权限等事项", gist: "each department publishes its item list, stating what is inspected, the basis, the department, the content and the powers"),
      ],
      wrong: """
        抽查事项,检查对象,事项类别,检查方式,检查主体,抽查比例,抽查频次,联系人
        对食品经营者的监督检查,食品经营者,一般检查事项,现场检查,区市场监督管理局,5%,1次/年,王伟

        """,
      fixed: """
        抽查事项,检查对象,事项类别,检查方式,检查主体,抽查比例,抽查频次,备注
        对食品经营者的监督检查,食品经营者,一般检查事项,现场检查,区市场监督管理局,5%,1次/年,联系人：王伟

        """),
    Explanation(
      code: .W0605,
      meaning: Text(
        zh: "规则语言要求每个事项写明类别、检查对象、检查方式和频次，每部法规写明施行日期，而许多公布的表格没有这些列（事项清单常常不写频次，联合抽查清单不写检查方式，表格从不写法规的施行日期）。choucha import 不会因此丢下事项：它写入醒目的占位值（类别 一般、对象 待定、方式 实地检查、频次 1、施行 1900-01-01），在旁边注明“待核实”，并警告。没有一行给出的列只警告一次，指向表头；个别行为空时逐行警告。纳入规则库前请逐一核实；已声明的法规可用 --rules 引用，不再生成。",
        en: "The rule language requires each item's category, object types, methods and frequency and each law's effective date, and many published sheets have no such columns (item lists often give no frequency, joint lists no methods, and no sheet gives effective dates). choucha import does not drop the item: it writes a conspicuous placeholder (category general, objects 待定, methods onsite, frequency 1, effective 1900-01-01) marked 待核实 / to verify in a comment, and warns — once at the heading row when no row gives the value, else once per row. Verify each before adding the file to the rules; laws already declared are cited with --rules instead of generated."),
      cites: [
        Citation(.yongzhou2019, "四（三）", quote: "公布本部门市场监管领域“双随机、一公开”抽查事项清单，明确抽查项目、抽查依据、抽查主体、抽查内容、执法权限等事项", gist: "each department publishes its item list, stating what is inspected, the basis, the department, the content and the powers"),
        Citation(.changchunCommerce, "第五条", quote: "根据监管职责，逐项提出具体的抽查比例", gist: "give each item a specific ratio"),
      ],
      wrong: """
        抽查事项,检查对象,事项类别,检查方式,检查主体,抽查比例
        对食品经营者的监督检查,食品经营者,一般检查事项,现场检查,区市场监督管理局,5%

        """,
      fixed: """
        抽查事项,检查对象,事项类别,检查方式,检查主体,抽查比例,抽查频次
        对食品经营者的监督检查,食品经营者,一般检查事项,现场检查,区市场监督管理局,5%,每年不少于1次

        """),
    Explanation(
      code: .E0606,
      meaning: Text(
        zh: "每个抽查事项都要有检查主体（部门）。choucha import 依次从“联查部门”“发起部门”“检查主体/抽查主体/实施主体”“单位名称”列取部门名称，并为每个不同的名称生成一个部门声明。一行中这些列都为空、表格也没有这些列时无法知道由谁检查：请在表格中填写，或用 --department 部门编码 为所有事项指定规则库中已有的部门。",
        en: "Every item needs a department. choucha import takes its name from the 联查部门, 发起部门, 检查主体/抽查主体/实施主体 or 单位名称 column, in that order, and declares one department per distinct name. When a row has none of them there is no telling who inspects: fill in the sheet, or give every item a department of the repository with --department CODE."),
      cites: [
        Citation(.yongzhou2019, "四（三）", quote: "公布本部门市场监管领域“双随机、一公开”抽查事项清单，明确抽查项目、抽查依据、抽查主体、抽查内容、执法权限等事项", gist: "each department publishes its item list, stating what is inspected, the basis, the department, the content and the powers"),
        Citation(.linzi2019, "二（四）", quote: "按照“谁审批、谁监管，谁主管、谁监管”的原则做好后续监管衔接", gist: "whoever approves supervises, whoever is in charge supervises"),
      ],
      wrong: """
        抽查事项,检查对象,事项类别,检查方式,抽查比例,抽查频次
        对食品经营者的监督检查,食品经营者,一般检查事项,现场检查,5%,1次/年

        """,
      fixed: """
        抽查事项,检查对象,事项类别,检查方式,检查主体,抽查比例,抽查频次
        对食品经营者的监督检查,食品经营者,一般检查事项,现场检查,区市场监督管理局,5%,1次/年

        """),
    Explanation(
      code: .W0607,
      meaning: Text(
        zh: "choucha import 在表格没有给出必填值时写入占位值（如 频次 1、施行 1900-01-01），并在旁边注释“待核实”。这些值能通过检查，却不是任何人定下的：只要规则文件中还有“待核实”注释，check 就逐处警告，CI 用 --deny-warnings 时不会通过。核实（或改正）之后删去注释即可。",
        en: "When a sheet lacks a required value, choucha import writes a placeholder (frequency 1, effective 1900-01-01, …) with the comment 待核实 (to verify). Such values pass every check but nobody decided them: while a 待核实 comment remains, check warns at each one, and CI with --deny-warnings fails. Verify or correct the value, then delete the comment."),
      cites: [
        Citation(.yongzhou2019, "四（三）", quote: "公布本部门市场监管领域“双随机、一公开”抽查事项清单，明确抽查项目、抽查依据、抽查主体、抽查内容、执法权限等事项", gist: "each department publishes its item list, stating what is inspected, the basis, the department, the content and the powers"),
        Citation(.changchunCommerce, "第五条", quote: "根据监管职责，逐项提出具体的抽查比例", gist: "give each item a specific ratio"),
      ],
      wrong: """
        事项 SP-01 "食品经营者检查" {
          部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
          类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%
          频次 1  # 待核实：表格中没有
        }

        """,
      fixed: """
        事项 SP-01 "食品经营者检查" {
          部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
          类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%
          频次 2  # 已核实：部门年度计划每年两次
        }

        """),
    Explanation(
      code: .W0608,
      meaning: Text(
        zh: "合并单元格导出为 CSV 后，只有合并区域的第一行有值，下面各行为空。choucha import 把与上一行编号相同（或编号为空）的行当作同一组，空的单元格沿用上一行的值——但这是推断，不是表格写的：每个沿用的值都标注“待核实：取自第 N 行”，并在该行警告一次，列出沿用的列。抽查依据例外：依据为空的行从不沿用上一行的依据（两个子项的依据往往不同），事项写成没有依据，上一行的依据记在注释中，check 报 E0204，直到写上这个事项自己的依据。",
        en: "A merged cell exported to CSV keeps its value in the first row only; the rows below are empty. choucha import reads a row that repeats the previous 序号 (or leaves it empty) as part of the same group and carries the values of empty cells down from the row above, but that is an inference, not what the sheet says: each value carried down is marked 待核实 (to verify) with the row it came from, with one warning per row naming the columns. The legal basis is the exception: an empty 抽查依据 never takes the row above's basis (two sub-items often rest on different articles); the item is written without one, the row above's basis in a comment, and check reports E0204 until the item's own basis is written."),
      source: Text(
        zh: "《永州市推动“双随机、一公开”监管工作全覆盖的实施方案》（永政办函〔2019〕35号）：随机抽查事项清单应载明抽查项目、抽查依据、抽查主体、抽查内容",
        en: "《永州市推动“双随机、一公开”监管工作全覆盖的实施方案》 (永政办函〔2019〕35号): an item list states the item, its legal basis, the department and the content"),
      wrong: """
        编号,抽查事项,抽查子项,检查对象,事项类别,检查方式,检查主体,抽查依据,抽查比例,抽查频次
        21,商标违法行为检查,商标使用行为的检查,商标使用人,一般检查事项,现场检查,区市场监督管理局,《中华人民共和国商标法》第六条,5%,1次/年
        21,商标违法行为检查,商标许可使用行为的检查,,,,,,,

        """,
      fixed: """
        编号,抽查事项,抽查子项,检查对象,事项类别,检查方式,检查主体,抽查依据,抽查比例,抽查频次
        21,商标违法行为检查,商标使用行为的检查,商标使用人,一般检查事项,现场检查,区市场监督管理局,《中华人民共和国商标法》第六条,5%,1次/年
        21,商标违法行为检查,商标许可使用行为的检查,商标许可人,一般检查事项,现场检查,区市场监督管理局,《中华人民共和国商标法》第四十三条,5%,1次/年

        """),
    Explanation(
      code: .W0609,
      meaning: Text(
        zh: "choucha import 为每个不同的部门名称生成一个部门声明。同一部门在表格中常有几种写法：多了空格、全角半角括号不同、多出一个“）”、末尾带标点——这些写法先统一，不另生成部门，其他写法记在部门声明的注释中。写法差别更大的（“工商、市场监管部门”“工商（市场监管）部门”“市场监督管理部门”“市场监管部门”，即机构改革前后的名称）也合并为一个部门，但只在警告之后：请确认它们确是同一部门。",
        en: "choucha import declares one department per distinct name. A sheet often writes one department several ways: an extra space, full- or half-width brackets, a stray closing bracket, trailing punctuation. Those are unified first and declare no second department; the other spellings go into the declaration's comment. Names further apart (市场监督管理部门 and 市场监管部门, or 工商 and 市场监管 written together: the names before and after the 2018 reform) are merged too, but with this warning: check that they are one department."),
      source: Text(
        zh: "“谁审批、谁监管，谁主管、谁监管”（临淄区《在市场监管领域全面推行部门联合“双随机、一公开”监管实施方案》（2019年））",
        en: "Linzi District, 《在市场监管领域全面推行部门联合“双随机、一公开”监管实施方案》 (2019): whoever approves or is in charge supervises"),
      wrong: """
        抽查事项,检查对象,事项类别,检查方式,检查主体,抽查比例,抽查频次
        商标使用行为的检查,商标使用人,一般检查事项,现场检查,县级以上工商、市场监管部门,5%,1次/年
        广告发布行为的检查,广告发布者,一般检查事项,现场检查,县级以上市场监管部门,5%,1次/年

        """,
      fixed: """
        抽查事项,检查对象,事项类别,检查方式,检查主体,抽查比例,抽查频次
        商标使用行为的检查,商标使用人,一般检查事项,现场检查,县级以上市场监管部门,5%,1次/年
        广告发布行为的检查,广告发布者,一般检查事项,现场检查,县级以上市场监管部门,5%,1次/年

        """),
      Explanation(
      code: .E0701,
      meaning: Text(
        zh: "每个抽中的检查对象，任务中的每个部门都要随机匹配规定人数（默认 2 名）的执法人员：持有执法证、具备该部门事项要求的专长、且不需回避该对象。某个部门可用的人员不够时，抽取中止、不写出任何结果，并指明是哪个任务、哪个对象、哪个部门。请补充执法检查人员名录，而不是手工指定人员。",
        en: "Every drawn target gets, from each department of its task, the required number of inspectors (two by default): certified, with the specialties the department's items require, and not recused from that target. When a department has too few, the draw stops, writes nothing, and names the task, target and department. Add officers to the inspector directory rather than assigning anyone by hand."),
      cites: [
        Citation(.changchunCommerce, "第六条", quote: "从执法检查人员名录库中随机抽取执法检查人员进行匹配", gist: "inspectors are drawn at random from the inspector directory and matched"),
        Citation(.administrativePenaltyLaw, "第四十二条", quote: "行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，法律另有规定的除外", gist: "enforcement takes at least two certified officers"),
      ],
      wrong: """
        工号,姓名,部门,执法证号,专长,回避
        E01,王伟,SCJG,130102001,,

        """,
      fixed: """
        工号,姓名,部门,执法证号,专长,回避
        E01,王伟,SCJG,130102001,,
        E02,李芳,SCJG,130102002,,

        """),
    Explanation(
      code: .W0702,
      meaning: Text(
        zh: "名录缺少一项保障时，抽取照常进行，但要说出来，而不是悄悄略过：执法检查人员名录没有“回避”列就不做回避检查，没有“专长”列就无人具备专长；检查对象名录没有“标签”列，单部门任务只按“行业”确定检查对象。每个缺少的列在每次抽取中只说一次。choucha verify 核对已公布的抽取时，按抽取时的读法重读名录：今天会被拒绝的问题（与已知列名相近的列名、两名人员共用一个执法证号、含控制字符或方向控制字符的单元格）在那里是这个警告，抽取照原样重算，旧的抽取结果仍可核对。",
        en: "When a directory lacks a safeguard the draw goes on, but says so instead of skipping it silently: an inspector directory with no 回避 column checks no recusal, with no 专长 column nobody has a specialty; a target directory with no 标签 column finds single tasks' targets by industry only. Each absent column is said once per draw. When choucha verify re-runs a published draw it reads the directories as they were read then: what today's reading refuses (a heading close to a known one, two officers sharing one certificate, a cell holding a control or bidi control character) is this warning there, and the draw is re-run as it was made, so that old draws stay verifiable."),
      cites: [
        Citation(.changchunCommerce, "第六条", quote: "从执法检查人员名录库中随机抽取执法检查人员进行匹配", gist: "inspectors are drawn at random from the inspector directory and matched"),
        Citation(.changan2024, "二（一）", quote: "及时利用标签字库完成对本级检查对象和执法检查人员的分类标注，实现对检查对象的精准抽取、对执法人员的精准匹配", gist: "targets and inspectors are tagged for precise drawing and matching"),
        Citation(.administrativePenaltyLaw, "第四十三条", quote: "执法人员与案件有直接利害关系或者有其他关系可能影响公正执法的，应当回避", gist: "an officer with a direct interest must recuse themselves"),
      ],
      wrong: """
        工号,姓名,部门,执法证号,专长
        E01,王伟,SCJG,130102001,
        E02,李芳,SCJG,130102002,

        """,
      fixed: """
        工号,姓名,部门,执法证号,专长,回避
        E01,王伟,SCJG,130102001,,
        E02,李芳,SCJG,130102002,,91130102MA00000009

        """),
    Explanation(
      code: .W0703,
      meaning: Text(
        zh: "任务要抽取的户数多于它的总体时，抽取把能抽的全部抽中，并说出来，而不是悄悄少抽：“数量 30”而名录中只有 1 户属于该任务的检查对象；或者某一信用风险分类的对象都已被前面的任务抽满“最多检查”次数而被跳过。消息给出任务、分层（全部对象或某一信用风险分类）、要抽的户数、总体户数、被跳过的户数和实际抽中的户数。按比例抽取时 ⌈比例 × 户数⌉ 不会超过户数，只有“最多检查”会让它抽不满。",
        en: "When a task asks for more entities than its population has, the draw takes every one it can and says so instead of drawing fewer silently: 'count 30' where the directory has one entity of the task's object types, or a risk class whose entities earlier tasks have all drawn max-visits times. The message gives the task, the stratum (all entities or one risk class), the figures asked, in the population, skipped and drawn. A ratio's ⌈r · N⌉ never exceeds N: only max-visits can leave it short."),
      source: Text(
        zh: "《长春市商务局“双随机一公开”监管工作制度》第五条：逐项提出具体的抽查比例……检查对象的随机抽取要确保必要的抽查覆盖面",
        en: "《长春市商务局“双随机一公开”监管工作制度》, art. 5: a specific ratio for each item ... the random selection of targets must ensure the necessary coverage"),
      wrong: """
        事项 SP-01 "食品经营者检查" { 部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"; 类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 数量 30; 频次 1 }

        """,
      fixed: """
        事项 SP-01 "食品经营者检查" { 部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"; 类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 数量 1; 频次 1 }

        """),
    Explanation(
      code: .W0704,
      meaning: Text(
        zh: "抽取计算覆盖率：所有任务和轮次抽中的不同对象户数 ÷ 基数；基数是计划的“企业基数”（上一年末的企业数），没有写时是检查对象名录的行数。合计和每个部门各算一次（部门为该部门检查的户数）。低于计划的“最低覆盖率”时警告，给出两个数字和还差的户数。上级部门下派的抽查也计入全年的覆盖率，抽取时无从得知，在结果汇总时核对；所以这是警告，不阻止抽取。",
        en: "The draw computes its coverage: distinct entities drawn over every task and round ÷ the base, the plan's enterprise-base (enterprises at the end of the previous year) or, without it, the target directory's rows; overall and per department (the entities it visits). Below the plan's min-coverage it warns with both figures and how many more entities are needed. Inspections assigned from above count toward the year's coverage too, which the draw cannot know: they are checked with the results, so this is a warning and the draw goes on."),
      cites: [
        Citation(.changan2024, "二（四）", quote: "2024年度各部门“双随机、一公开”抽查企业（含本部门抽取及上级部门下派）数量占2023年底企业数量的比例要不低于5%", gist: "each department inspects at least 5% of the enterprises at the end of the previous year, inspections assigned from above included"),
      ],
      wrong: """
        计划 2024 "2024年抽查工作计划" { 期间 2024-03-01 .. 2024-11-30; 最低覆盖率 5%; 企业基数 468 }

        """,
      fixed: """
        # 抽中 1 户：辖区上年末企业 20 户时覆盖率为 5%（468 户时要抽中 24 户，提高比例或数量）
        计划 2024 "2024年抽查工作计划" { 期间 2024-03-01 .. 2024-11-30; 最低覆盖率 5%; 企业基数 20 }

        """),

    // MARK: - 08 check points and the merged checklists
    Explanation(
      code: .W0801,
      meaning: Text(
        zh: "事项自己的要点（写在事项的 要点 块中、不是引用共用要点的）应当在事项的法律依据之内：抽查事项清单写明每个事项的抽查依据，要点是按这些依据去查的具体内容。要点引用了事项依据以外的法规，要么是事项漏写了这条依据，要么这个要点其实属于别的部门的检查。请把该法规加入事项的 依据，或改为引用事项的依据之一；几个部门都要查、依据各不相同的要点，写成顶层的共用 要点 声明（主题库），引用它的事项不受此限。",
        en: "An item's own check points (written in its checks block, not references to shared points) stay within the item's legal bases: the item list states each item's basis, and the points are what is checked under it. A point citing a law outside them means either the item lacks that basis or the point belongs to another department's inspection. Add the law to the item's basis, or cite one of its bases; a point several departments check on different bases is declared once at the top level as a shared checkpoint (the 主题库), and the items referencing it are exempt."),
      cites: [
        Citation(.yongzhou2019, "四（三）", quote: "公布本部门市场监管领域“双随机、一公开”抽查事项清单，明确抽查项目、抽查依据、抽查主体、抽查内容、执法权限等事项", gist: "each department publishes its item list, stating what is inspected, the basis, the department, the content and the powers"),
      ],
      wrong: """
        事项 SCJG-SP-01 "餐饮服务食品安全监督检查" {
          部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
          类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1
          要点 {
            "是否取得食品经营许可证" 依据 食品安全法 "第三十五条"
            "是否保持疏散通道畅通" 依据 消防法 "第二十八条"
          }
        }

        """,
      fixed: """
        要点 YD-XF-01 "是否保持疏散通道畅通" { 依据 消防法 "第二十八条" }
        事项 SCJG-SP-01 "餐饮服务食品安全监督检查" {
          部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
          类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1
          要点 {
            "是否取得食品经营许可证" 依据 食品安全法 "第三十五条"
            YD-XF-01
          }
        }

        """),
    Explanation(
      code: .W0802,
      meaning: Text(
        zh: "“一业一查”的各部门一同上门，只有把各自要查的内容合并起来，才真正做到“进一次门、查多项事”、减少对企业的打扰。同一“一业一查”的两个事项有同一个要点（去掉空格和标点、全角字母数字折成半角后文字相同），企业就会被问两遍，合并检查表上也看不出这是几个部门共同的要点。两个事项引用同一个共用要点不在此列，那正是共用要点的用处。请把这个要点写成顶层的共用 要点 声明（主题库的一条），给它一个编码，两个事项都只写这个编码；提示中给出了可以照抄的声明。",
        en: "The departments of a bundle visit together; only when what they check is merged do they \"enter once, check many things\" and spare the business. Two items of one bundle with the same point (the same text once spaces and punctuation are removed and full-width letters and digits folded) ask the business twice, and the merged sheet cannot show that several departments need it. Two items referencing one shared point are fine: that is what sharing is for. Declare the point once at the top level as a shared checkpoint (an entry of the 主题库) with a code, and write only that code in both items; the help gives the declaration to copy."),
      cites: [
        Citation(.changan2024, "二（二）", quote: "不断充实、细化、完善“一业一查”部门联合随机抽查清单及抽查工作指引，制定本部门“一业一查”部门联合随机抽查主题库及检查人员库", gist: "each department refines its bundle lists and inspection guides and builds a topic library (主题库) of joint inspections"),
        Citation(.yongzhou2019, "四（四）", quote: "对检查主体和领域重合或重叠的抽查计划实行联合抽查,实现“进一次门、查多项事”", gist: "plans overlapping in departments and fields are inspected jointly: enter once, check many things"),
      ],
      wrong: """
        事项 SCJG-SP-01 "餐饮服务食品安全监督检查" {
          部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
          类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1
          要点 { "是否取得食品经营许可证"; "是否在显著位置公示营业执照" }
        }
        事项 XFJY-XF-01 "餐饮场所消防安全检查" {
          部门 XFJY; 权责 130102-JC-002; 依据 消防法 "第五十三条"
          类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1
          要点 { "是否保持疏散通道畅通"; "是否在显著位置公示营业执照。" }
        }
        一业一查 CY-01 "餐饮行业“一业一查”" { 牵头 SCJG; 行业 餐饮; 事项 SCJG-SP-01、XFJY-XF-01 }

        """,
      fixed: """
        要点 YD-01 "是否在显著位置公示营业执照" { 方式 实地 }
        事项 SCJG-SP-01 "餐饮服务食品安全监督检查" {
          部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
          类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1
          要点 { "是否取得食品经营许可证"; YD-01 }
        }
        事项 XFJY-XF-01 "餐饮场所消防安全检查" {
          部门 XFJY; 权责 130102-JC-002; 依据 消防法 "第五十三条"
          类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1
          要点 { "是否保持疏散通道畅通"; YD-01 }
        }
        一业一查 CY-01 "餐饮行业“一业一查”" { 牵头 SCJG; 行业 餐饮; 事项 SCJG-SP-01、XFJY-XF-01 }

        """),
    Explanation(
      code: .E0803,
      meaning: Text(
        zh: "计划可以用“每户最多要点”限定一次联合检查向一户企业提问的要点数，这是企业负担的上限。“一业一查”的合并检查表（工作指引）把各事项的要点合在一起：共用要点只算一次，文字相同（去掉空格和标点后）的要点也只算一次。合并后仍超过上限，说明这次联合检查要问的太多。请把几个部门都查的要点写成共用要点，删去重复或次要的要点，或把部分事项分到另一个“一业一查”。提示中给出了合并后的要点数和要点最多的几个事项。计划没有写“每户最多要点”时不做此项检查。",
        en: "A plan may set max-points, the most check points one joint visit asks of a business: the cap on its burden. A bundle's merged sheet (its inspection guide, 工作指引) puts its items' points together, a shared point once and points with the same text (without spaces and punctuation) once. If it still has more points than the cap, the visit asks too much. Declare the points several departments check as shared points, drop repeated or minor points, or move some items to another bundle. The help gives the merged count and the items with the most points. Without max-points in the plan nothing is checked."),
      cites: [
        Citation(.changan2024, "二（二）", quote: "最大限度地减少对市场主体正常生产经营活动的干扰", gist: "disturb the normal business of market entities as little as possible"),
        Citation(.changchunCommerce, "第七条", quote: "基本材料立卷归档，形成“一企一表”", gist: "the records are filed, one sheet per enterprise (一企一表)"),
      ],
      wrong: """
        计划 2024 "2024年抽查工作计划" { 期间 2024-03-01 .. 2024-11-30; 每户最多要点 3 }
        事项 SCJG-SP-01 "餐饮服务食品安全监督检查" {
          部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
          类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1
          要点 { "是否取得食品经营许可证"; "是否建立进货查验记录制度"; "是否在显著位置公示营业执照" }
        }
        事项 XFJY-XF-01 "餐饮场所消防安全检查" {
          部门 XFJY; 权责 130102-JC-002; 依据 消防法 "第五十三条"
          类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1
          要点 { "是否保持疏散通道畅通"; "是否在显著位置公示营业执照" }
        }
        一业一查 CY-01 "餐饮行业“一业一查”" { 牵头 SCJG; 行业 餐饮; 事项 SCJG-SP-01、XFJY-XF-01 }

        """,
      fixed: """
        # 进货查验记录改由日常监管检查，合并后 3 个要点
        计划 2024 "2024年抽查工作计划" { 期间 2024-03-01 .. 2024-11-30; 每户最多要点 3 }
        要点 YD-01 "是否在显著位置公示营业执照" { 方式 实地 }
        事项 SCJG-SP-01 "餐饮服务食品安全监督检查" {
          部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
          类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1
          要点 { "是否取得食品经营许可证"; YD-01 }
        }
        事项 XFJY-XF-01 "餐饮场所消防安全检查" {
          部门 XFJY; 权责 130102-JC-002; 依据 消防法 "第五十三条"
          类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1
          要点 { "是否保持疏散通道畅通"; YD-01 }
        }
        一业一查 CY-01 "餐饮行业“一业一查”" { 牵头 SCJG; 行业 餐饮; 事项 SCJG-SP-01、XFJY-XF-01 }

        """),
    Explanation(
      code: .W0804,
      meaning: Text(
        zh: "同一个事项的要点块中，同一个共用要点引用了两次，或两条要点的文字相同（去掉空格和标点、全角字母数字折成半角后）。检查表上会出现两行同样的问题，检查人员要问两遍、填两遍，结果统计也会重复计数。请删除重复的一条。",
        en: "In one item's checks the same shared point is referenced twice, or two points have the same text (once spaces and punctuation are removed and full-width letters and digits folded). The sheet would show the same question twice, asked and filled in twice and counted twice in the results. Delete the repeated one."),
      source: Text(
        zh: "规则语言语法（Grammar.md）：事项的要点块，每个要点一行",
        en: "rule language grammar (Grammar.md): an item's checks, one point per line"),
      wrong: """
        事项 SCJG-SP-01 "餐饮服务食品安全监督检查" {
          部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
          类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1
          要点 {
            "是否取得食品经营许可证"
            "是否建立进货查验记录制度"
            "是否取得《食品经营许可证》？"
          }
        }

        """,
      fixed: """
        事项 SCJG-SP-01 "餐饮服务食品安全监督检查" {
          部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
          类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1
          要点 {
            "是否取得食品经营许可证"
            "是否建立进货查验记录制度"
          }
        }

        """),
    Explanation(
      code: .W0805,
      meaning: Text(
        zh: "条款中的数字要用半角（第10条），不要用全角（第１０条）。从网页或公文中复制的条款常带全角数字；检查表、公示的清单和结果统计按条款文字比对和排序，全角的“第１０条”和半角的“第10条”会被当成两个不同的条款。中文数字（第十条）不受影响。提示中给出了改成半角后的写法。",
        en: "Digits in an article are ASCII (第10条), not full-width (第１０条). Articles copied from web pages or documents often carry full-width digits; the sheets, the published lists and the results compare and sort articles as text, so 第１０条 and 第10条 would be two articles. Chinese numerals (第十条) are not affected. The help gives the article with ASCII digits."),
      source: Text(
        zh: "规则语言语法（Grammar.md）：条款写在引号中，数字用半角",
        en: "rule language grammar (Grammar.md): an article is quoted, its digits ASCII"),
      wrong: """
        要点 YD-01 "是否取得食品经营许可证" { 依据 食品安全法 "第３５条" }

        """,
      fixed: """
        要点 YD-01 "是否取得食品经营许可证" { 依据 食品安全法 "第35条" }

        """),

    // MARK: - 09 results
    Explanation(
      code: .E0901,
      meaning: Text(
        zh: "结果表格的“检查结果”只能写公示抽查结果时用的结论之一（未发现问题、未按规定公示应当公示的信息、公示信息隐瞒真实情况弄虚作假、通过登记的住所（经营场所）无法联系、未发现开展本次抽查涉及的经营活动、发现问题已责令改正、发现问题待后续处理、不配合检查情节严重，以及不再经营的已关闭停业或正在组织清算、注销、被吊销、被撤销、迁出，还有平台导出的旧写法，如“发现问题经责令已改正”“查无下落”），每行一项（平台导出的“发现问题待后续处理；违反食品药品管理相关规定；”这类同一结论的几项也认得）；“后续处置”写处置措施（责令改正、立案查处、移交、移送司法机关、列入经营异常名录、列入严重违法失信名单及其常见写法），几项之间用“、”或“；”分隔。可选的“任务来源”列写本级计划或上级交办（及其常见写法）。标点、括号和空格的差别不影响识别。其他写法无法统计，也无法判断是否需要后续处置，所以报错，并给出最接近的写法。",
        en: "A results table's 检查结果 is one of the conclusions published inspection results use (no problem found, information not published as required, published information false, unreachable at the registered address, no business activity of the kind inspected, problem found and ordered corrected, problem found pending follow-up, serious refusal to cooperate, and for businesses no longer trading closed or in liquidation, deregistered, licence revoked, registration cancelled, moved out; in Chinese or English, or in the older spellings platforms export), one a row (a platform's list of parts of one conclusion is read too); 后续处置 lists actions (order to correct, case opened, handed over, referred to the judiciary, listed as abnormal, listed as seriously illegal, and their common spellings), separated by commas or semicolons. The optional 任务来源 holds 本级计划 (plan) or 上级交办 (assigned), in their usual spellings. Punctuation, brackets and spaces do not matter. Anything else cannot be counted, nor tell whether a follow-up is due: it is an error, with the closest spelling."),
      source: Text(
        zh: "规则语言语法（Grammar.md）“结果表格”一节：检查结果和后续处置的词表",
        en: "rule language grammar (Grammar.md), section on results tables: the vocabularies of 检查结果 and 后续处置"),
      wrong: """
        任务编号,统一社会信用代码,检查部门,检查日期,检查结果,问题描述,公示日期,后续处置,办结日期
        2024-S-SP-01,91130102MA00000001,SCJG,2024-05-06,未发先问题,,2024-05-20,,

        """,
      fixed: """
        任务编号,统一社会信用代码,检查部门,检查日期,检查结果,问题描述,公示日期,后续处置,办结日期
        2024-S-SP-01,91130102MA00000001,SCJG,2024-05-06,未发现问题,,2024-05-20,,

        """),
    Explanation(
      code: .E0902,
      meaning: Text(
        zh: "结果表格的日期（检查日期、公示日期、办结日期、处置起算日）可写作 2024-05-03、2024-5-3、2024/5/3、2024.5.3、2024年5月3日、20240503，后面可带时间（2024/5/3 14:30，时间不参与计算）；Excel 把日期存为序号，按 1900 日期系统读取（45415 即 2024-05-03，只认 1990—2099 年的序号）。其他写法无法读取；写成日期却不存在的日子（2024-02-30、2024-13-01）也报错：公示和后续处置的期限都从这些日期算起，读错一天就会漏报逾期。",
        en: "A results table's dates (检查日期, 公示日期, 办结日期, 处置起算日) are written 2024-05-03, 2024-5-3, 2024/5/3, 2024.5.3, 2024年5月3日 or 20240503, optionally followed by a time (2024/5/3 14:30, not used); a date Excel stores as a serial number is read in the 1900 date system (45415 is 2024-05-03; only serials of 1990-2099). Any other text cannot be read, and a day that does not exist (2024-02-30, 2024-13-01) is an error too: the deadlines of publication and follow-up count from these dates, and a day misread would hide a late record."),
      source: Text(
        zh: "规则语言语法（Grammar.md）“结果表格”一节：日期的写法",
        en: "rule language grammar (Grammar.md), section on results tables: how dates are written"),
      wrong: """
        任务编号,统一社会信用代码,检查部门,检查日期,检查结果,问题描述,公示日期,后续处置,办结日期
        2024-S-SP-01,91130102MA00000001,SCJG,2024-02-30,未发现问题,,2024-05-20,,

        """,
      fixed: """
        任务编号,统一社会信用代码,检查部门,检查日期,检查结果,问题描述,公示日期,后续处置,办结日期
        2024-S-SP-01,91130102MA00000001,SCJG,2024-05-06,未发现问题,,2024-05-20,,

        """),

    Explanation(
      code: .E0903,
      meaning: Text(
        zh: "结果表中检查结果为发现问题的一行（如“发现问题已责令改正”“发现问题待后续处理”“未按规定公示应当公示的信息”），“后续处置”列必须写明采取了什么措施：责令改正、立案查处、移交、移送司法机关、列入经营异常名录等。空着的后续处置无法跟踪，也无法计算按时办结率。示例为规则引入的结果表 results.csv。",
        en: "A row of the results table whose result found a problem (such as 发现问题已责令改正, 发现问题待后续处理 or 未按规定公示应当公示的信息) says in its 后续处置 column what was done: 责令改正, 立案查处, 移交, 移送司法机关, 列入经营异常名录 and so on. An empty follow-up can be neither tracked nor counted in the on-time rate. The examples are the results table results.csv the rules import."),
      cites: [
        Citation(.changchunCommerce, "第十条", quote: "对抽查发现的违法违规行为，要加大惩处力度，依法依规严肃处理……属于其他部门管辖的，及时移交相关部门查处；涉嫌犯罪的，依法移送司法机关", gist: "violations found are dealt with, handed to the department in charge or referred to the judicial organs"),
        Citation(.changan2024, "二（四）", quote: "健全随机抽查后续处置机制，规范问题线索的转办、移送等工作", gist: "the follow-up of what inspections find is organised"),
      ],
      wrong: ResultExamples.table(second: "发现问题已责令改正,未公示年度报告,2024-05-21,,2024-05-28"),
      fixed: ResultExamples.table()),
    Explanation(
      code: .E0904,
      meaning: Text(
        zh: "结果表的“任务编号”要写计划中的任务编号（choucha build 写出的 tasks-YYYY.json 中的 id，如 2024-J-餐饮、2024-S-SP-01）；一年抽查几次的任务写轮次，如 2024-J-餐饮@2，只写任务编号时按检查日期归入轮次。编号写错的结果对不上任务，期间、部门、公示期限都无从核对。提示给出最接近的编号。示例为规则引入的结果表 results.csv。",
        en: "The 任务编号 of a results row is a task id of the plan (the id in the tasks-YYYY.json choucha build writes, such as 2024-J-餐饮 or 2024-S-SP-01); for a task drawn several times a year, a round, such as 2024-J-餐饮@2 (the bare task id is put in the round its inspection date falls in). A result with a wrong id matches no task, so its window, departments and deadlines cannot be checked. The help names the closest id. The examples are the results table results.csv the rules import."),
      cites: [
        Citation(.changan2024, "二（四）", quote: "严格按照部门年度随机抽查计划开展抽查", gist: "inspections follow the department's annual plan"),
      ],
      wrong: ResultExamples.table(task: "2024-S-SP01"),
      fixed: ResultExamples.table()),
    Explanation(
      code: .E0905,
      meaning: Text(
        zh: "“检查部门”要是参加该任务的部门：联合抽查任务为牵头部门和配合部门，单部门任务为该部门。按“分口检查”的原则，各部门只检查本部门职责范围内的事项，不参加任务的部门记下的结果属于别的任务。部门可写编码或规则库中的全称。示例为规则引入的结果表 results.csv。",
        en: "The 检查部门 of a results row takes part in its task: the lead and partners of a joint task, the department of a single one. Each department inspects the items of its own remit, so a result recorded by a department outside the task belongs to another task. The department is written as its code or its full name in the rules. The examples are the results table results.csv the rules import."),
      cites: [
        Citation(.lvyuan2021, "五（5）", quote: "按照“分口检查、依法处理”的原则，参加联合抽查的执法人员负责对本部门职责范围内抽查事项的检查", gist: "each department's officers inspect the items of their own remit"),
      ],
      wrong: ResultExamples.table(department: "XFJY"),
      fixed: ResultExamples.table()),
    Explanation(
      code: .E0906,
      meaning: Text(
        zh: "“检查日期”要在任务的期间内；写了轮次（如 2024-J-餐饮@2）的，要在该轮次的那一段期间内。期间之外的检查不属于这个任务，公示期限也按任务期间的结束日计算，日期写错会让期限算错。常见的是年份或月份写错。示例为规则引入的结果表 results.csv（任务期间 2024-03-01 至 2024-11-30）。",
        en: "The 检查日期 of a results row lies in its task's window; for a round (such as 2024-J-餐饮@2), in that round's part of it. An inspection outside the window is not part of the task, and the publication deadline counts from the window's end, so a wrong date puts the deadlines wrong. A wrong year or month is the usual slip. The examples are the results table results.csv the rules import (the task's window is 2024-03-01 to 2024-11-30)."),
      cites: [
        Citation(.changan2024, "二（四）", quote: "严格按照部门年度随机抽查计划开展抽查", gist: "inspections follow the department's annual plan"),
      ],
      wrong: ResultExamples.table(inspected: "2023-05-07"),
      fixed: ResultExamples.table()),
    Explanation(
      code: .E0907,
      meaning: Text(
        zh: "同一任务（轮次）中，一个部门对一户企业只记一条检查结果。同一任务、同一统一社会信用代码、同一检查部门出现两行，多半是重复粘贴或改错了其中一行；重复的结果会让检查户数、问题发现率和公示数量都算多。诊断指出重复的一行，并标出第一次出现的行。示例为规则引入的结果表 results.csv。",
        en: "Within one task (round), a department records one result per entity. Two rows with the same task, credit code and department are usually a row pasted twice or a row mistyped; a repeated result inflates the counts of entities inspected, problems found and results published. The diagnostic points at the repeat and labels the first. The examples are the results table results.csv the rules import."),
      cites: [
        Citation(.changan2024, "三（四）", quote: "坚决克服方案制定不认真、现场检查走过场、纸上填报、结果录入审核把关不严、结果录入错误和超期录入", gist: "results are entered carefully and correctly"),
      ],
      wrong: ResultExamples.table() + "2024-S-SP-01,91130102MA00000002,SCJG,2024-05-08,未发现问题,,2024-05-21,,\n",
      fixed: ResultExamples.table()),
    Explanation(
      code: .E0908,
      meaning: Text(
        zh: "有抽取结果时（规则中写了 引入 抽取，或 check --draw），结果表中的企业要是该任务（轮次）抽中的企业。检查对象从检查对象名录库中随机抽取、公布，名单之外的检查不是这次随机抽查：多半是统一社会信用代码或任务编号写错。示例为规则引入的结果表 results.csv，抽取结果抽中了 91130102MA00000001 和 91130102MA00000002。",
        en: "With a draw (import draw in the rules, or check --draw), the entity of a results row was drawn in its task (round). Entities are drawn at random from the directory and published; an inspection of one outside the list is not this random inspection, and is usually a mistyped credit code or task id. The examples are the results table results.csv the rules import, with a draw of 91130102MA00000001 and 91130102MA00000002."),
      cites: [
        Citation(.changchunCommerce, "第五条", quote: "利用“双随机一公开”协同监管平台从检查对象名录库中随机抽取检查对象，汇总形成总的检查对象名单", gist: "the entities inspected are drawn at random from the directory"),
      ],
      wrong: ResultExamples.table() + "2024-S-SP-01,91130102MA00000003,SCJG,2024-05-08,未发现问题,,2024-05-21,,\n",
      fixed: ResultExamples.table()),
    Explanation(
      code: .E0909,
      meaning: Text(
        zh: "结果表可以有“不合格要点”列，按编码写出这一户不符合的检查要点（几个之间用“、”或“；”分隔）：每个编码要是该行检查部门在该任务中的事项的要点——本事项的要点（带编码的）或引用的共用要点。写错的编码，或别的部门、别的任务的要点，会让问题算到别处，按要点统计的问题发现率就不对了。按编码而不按序号，是因为序号会随增删要点而变。示例为规则引入的结果表 results.csv；示例中的事项没有带编码的要点，所以只能不填这一列。",
        en: "A results table may have a 不合格要点 column naming, by code, the check points the entity failed (several in one cell): each is a point of the row's department's items in its task, an own point with a code or a shared point the items reference. A mistyped code, or another department's or task's point, counts the problem elsewhere, and the problem rates per point come out wrong. Points are named by code, not by number, since numbers shift as points are added. The examples are the results table results.csv the rules import; its item has no coded points, so the column stays empty."),
      cites: [
        Citation(.changan2024, "三（四）", quote: "提升随机抽查中的问题发现率", gist: "the problem-finding rate is raised and so measured"),
      ],
      wrong: ResultExamples.withFailedPoints("SP-01-9"),
      fixed: ResultExamples.withFailedPoints("")),
    Explanation(
      code: .E0910,
      meaning: Text(
        zh: "月报（月报 部门编码 YYYY-MM { … }）填写月报表中规则、抽取结果和检查结果都不知道的部分：本月的会议、文件、培训，组织抽查的文件，公示网站和联系人；choucha report 据此和结果表填出整张表。月份要在规则中某个计划的年度内，否则没有可报的计划；会议要是本月召开的，别的月份的会议属于那个月的月报。",
        en: "A monthly report (monthly-report CODE YYYY-MM { … }) gives what the monthly form asks and neither the rules, the draw nor the results know: the month's meetings, documents and trainings, the documents that organised its inspections, the website and the contacts; choucha report fills the whole form from it and the results. Its month lies in the year of a plan of the rules, or there is no plan to report on; its meetings were held in that month, and a meeting of another month belongs to that month's report."),
      cites: [
        Citation(.changan2024, "三（四）", quote: "各成员单位于每月20日前将月报表，4月1日、6月20日、10月1日、12月16日前将本部门“双随机、一公开”监管工作总结报送区“双随机、一公开”领导小组办公室", gist: "each member unit sends the monthly form by the 20th of each month, and its summaries before 1 April, 20 June, 1 October and 16 December"),
      ],
      wrong: """
        月报 SCJG 2024-05 {
          会议 "全区“双随机、一公开”监管工作部署会" 2024-06-03
        }
        月报 SCJG 2023-12 { 联系人 "张三" }

        """,
      fixed: """
        月报 SCJG 2024-06 {
          会议 "全区“双随机、一公开”监管工作部署会" 2024-06-03
        }
        月报 SCJG 2024-05 { 联系人 "张三" }

        """),
    Explanation(
      code: .E0911,
      meaning: Text(
        zh: "用 check --as-of 日期 检查时，每条检查结果都要在公示期限内公示：任务（轮次）期间结束后，计划的公示时限（默认 20 个工作日，按节假日日历计算）。到了该日仍未填写“公示日期”且期限已过的，是逾期未公示，为错误；公示了但晚于期限的见 W0912。不给 --as-of 时不检查期限，也从不读取系统时钟：CI 应明确传入当天日期。示例为规则引入的结果表 results.csv，按 --as-of 2024-12-31 检查。",
        en: "With check --as-of DATE, every result is published by its deadline: the plan's publish-within (20 working days by default, counted on the holiday calendar) after the end of its task's (round's) window. A row with no 公示日期 whose deadline is past on that day is overdue, an error; one published after its deadline is W0912. Without --as-of no deadline is judged, and the clock is never read: CI passes today's date. The examples are the results table results.csv the rules import, checked with --as-of 2024-12-31."),
      cites: [
        Citation(.lvyuan2021, "五（7）", quote: "自抽查工作结束之日起20个工作日内，将抽查结果通过综合监管平台向社会公布", gist: "results are published within 20 working days of the end of the inspection"),
        Citation(.linzi2019, "二（四）", quote: "在20个工作日内将抽查结果依法录入省工作平台，由省工作平台推送至公示系统（山东）进行公示", gist: "results are published within 20 working days"),
      ],
      wrong: ResultExamples.table(second: "发现问题已责令改正,未公示年度报告,,责令改正,2024-05-28"),
      fixed: ResultExamples.table()),
    Explanation(
      code: .W0912,
      meaning: Text(
        zh: "用 check --as-of 检查时，公示日期晚于公示期限的结果为警告：已经公示，照实保留，但计入按时公示率。这样已经结束的年度不会因为当年的迟延永远检查失败，迟延也不会被掩盖。期限为任务（轮次）期间结束后计划的公示时限（默认 20 个工作日）。示例为规则引入的结果表 results.csv，按 --as-of 2024-12-31 检查（公示期限 2024-12-27）。",
        en: "With check --as-of, a result published after its deadline is a warning: it is published, the date is kept as it happened, and it counts in the on-time rate. So a closed year does not fail forever for a delay, and the delay is not hidden either. The deadline is the plan's publish-within (20 working days by default) after the end of the task's (round's) window. The examples are the results table results.csv the rules import, checked with --as-of 2024-12-31 (the deadline is 2024-12-27)."),
      cites: [
        Citation(.lvyuan2021, "五（7）", quote: "自抽查工作结束之日起20个工作日内，将抽查结果通过综合监管平台向社会公布", gist: "results are published within 20 working days of the end of the inspection"),
        Citation(.changan2024, "三（四）", quote: "坚决克服方案制定不认真、现场检查走过场、纸上填报、结果录入审核把关不严、结果录入错误和超期录入", gist: "results are not entered late"),
      ],
      wrong: ResultExamples.table(second: "发现问题已责令改正,未公示年度报告,2024-12-30,责令改正,2024-05-28"),
      fixed: ResultExamples.table()),
    Explanation(
      code: .E0913,
      meaning: Text(
        zh: "计划写了“处置时限”（如 处置时限 20 工作日）时，用 check --as-of 检查：发现问题的结果，后续处置要在检查日期（有“处置起算日”列时为该日）后的处置时限内办结，并填写“办结日期”。到了该日仍未办结且已过时限的，为错误；办结晚了的见 W0914。计划没有写处置时限时不检查。示例为规则引入的结果表 results.csv，计划处置时限 20 工作日，按 --as-of 2024-12-31 检查。",
        en: "When the plan gives follow-up-within (such as follow-up-within 20 workdays), check --as-of judges the follow-up of every problem found: it is closed, with its 办结日期, within that time after the 检查日期 (or the 处置起算日, when the table has that column). One still open on that day past its deadline is an error; one closed late is W0914. A plan without follow-up-within has no such check. The examples are the results table results.csv the rules import, with follow-up-within 20 workdays, checked with --as-of 2024-12-31."),
      cites: [
        Citation(.changan2024, "三（三）", quote: "各部门在后续处置信息产生后20个工作日内，依据职责和管辖权限，要依法做好抽查结果的后续处置工作……坚决杜绝后续处置及完结结果不回填或回填超期等现象", gist: "the follow-up is done within 20 working days and recorded, never left blank or filled in late"),
      ],
      wrong: ResultExamples.table(second: "发现问题已责令改正,未公示年度报告,2024-05-21,责令改正,"),
      fixed: ResultExamples.table()),
    Explanation(
      code: .W0914,
      meaning: Text(
        zh: "计划写了处置时限时，用 check --as-of 检查：办结日期晚于处置时限的后续处置为警告：已经办结，照实保留，计入按时办结率。示例为规则引入的结果表 results.csv，计划处置时限 20 工作日，按 --as-of 2024-12-31 检查。",
        en: "When the plan gives follow-up-within, check --as-of warns of a follow-up closed after its deadline: it is closed, the date is kept as it happened, and it counts in the on-time rate. The examples are the results table results.csv the rules import, with follow-up-within 20 workdays, checked with --as-of 2024-12-31."),
      cites: [
        Citation(.changan2024, "三（三）", quote: "各部门在后续处置信息产生后20个工作日内，依据职责和管辖权限，要依法做好抽查结果的后续处置工作", gist: "the follow-up is done within 20 working days"),
      ],
      wrong: ResultExamples.table(second: "发现问题已责令改正,未公示年度报告,2024-05-21,责令改正,2024-07-15"),
      fixed: ResultExamples.table()),
    Explanation(
      code: .E0915,
      meaning: Text(
        zh: "有抽取结果并用 check --as-of 检查时，任务（轮次）抽中的每户企业，过了报告期限（期间结束后计划的报告时限，默认 10 日）都要有检查结果。无法检查的也要照实记录，如“通过登记的住所（经营场所）无法联系”“注销”“被吊销”。诊断指在规则引入结果表之处，说明缺的是哪一户。示例为规则引入的结果表 results.csv，抽取结果抽中了两户，按 --as-of 2024-12-31 检查。",
        en: "With a draw and check --as-of, every entity drawn in a task (round) has a result once the report deadline is past (the plan's report-within after the window's end, 10 days by default). One that could not be inspected is recorded as such, e.g. '通过登记的住所（经营场所）无法联系', '注销' or '被吊销'. The diagnostic points at the import of the results table and names the entity missing. The examples are the results table results.csv the rules import, with a draw of two entities, checked with --as-of 2024-12-31."),
      cites: [
        Citation(.lvyuan2021, "五（6）", quote: "检查活动结束10日内，联合检查组各组成部门对本部门形成的检查结果向本部门和联合检查组组长书面报告", gist: "each department reports its results in writing within 10 days of the inspection"),
      ],
      wrong: ResultExamples.table(rows: 1),
      fixed: ResultExamples.table()),
    Explanation(
      code: .E0916,
      meaning: Text(
        zh: "计划写了最低覆盖率和企业基数时，用 check --as-of 检查且该日已过计划期间：有检查结果的不同企业数 ÷ 企业基数，全部门合计和每个部门分别都不得低于最低覆盖率。诊断给出户数、企业基数、覆盖率和还差的户数，指在计划的“最低覆盖率”处。示例为规则引入的结果表 results.csv，计划最低覆盖率 5%、企业基数 40，按 --as-of 2024-12-31 检查。",
        en: "When the plan gives min-coverage and enterprise-base, check --as-of past the plan window holds the year's coverage to it: distinct entities with a result ÷ the enterprise base, for all departments together and for each department, is not below min-coverage. The diagnostic gives the entities, the base, the coverage and how many more are needed, at the plan's min-coverage. The examples are the results table results.csv the rules import, with min-coverage 5% and enterprise-base 40, checked with --as-of 2024-12-31."),
      cites: [
        Citation(.changan2024, "二（四）", quote: "2024年度各部门“双随机、一公开”抽查企业（含本部门抽取及上级部门下派）数量占2023年底企业数量的比例要不低于5%", gist: "each department inspects at least 5% of the enterprises at the end of the previous year"),
      ],
      wrong: ResultExamples.table(rows: 1),
      fixed: ResultExamples.table()),
    Explanation(
      code: .E0917,
      meaning: Text(
        zh: "用 check --as-of 日期 检查时，结果表中的检查日期、公示日期、办结日期、处置起算日都不能晚于该日：没有发生的事不能预先填写。多半是年份写错或月日颠倒。晚于该日的日期不参与期限的计算。示例为规则引入的结果表 results.csv，按 --as-of 2024-12-31 检查。",
        en: "With check --as-of DATE, no 检查日期, 公示日期, 办结日期 or 处置起算日 of the results table is after that day: nothing is recorded before it happens. It is usually a wrong year or month and day swapped. Such a date takes no part in the deadlines. The examples are the results table results.csv the rules import, checked with --as-of 2024-12-31."),
      cites: [
        Citation(.changan2024, "三（四）", quote: "坚决克服方案制定不认真、现场检查走过场、纸上填报、结果录入审核把关不严、结果录入错误和超期录入", gist: "results are entered carefully and correctly"),
      ],
      wrong: ResultExamples.table(second: "发现问题已责令改正,未公示年度报告,2024-05-21,责令改正,2025-05-28"),
      fixed: ResultExamples.table()),
]

  /// Two items of different departments on one object type, for the bundle examples.
  private static let jointItems = restaurantFoodItem + restaurantFireItem

  private static let restaurantFoodItem = """
    事项 SCJG-SP-01 "餐饮服务食品安全监督检查" {
      部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
      类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1
    }

    """

  private static let restaurantFireItem = """
    事项 XFJY-XF-01 "餐饮场所消防安全检查" {
      部门 XFJY; 权责 130102-JC-002; 依据 消防法 "第五十三条"
      类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1
    }

    """
}

/// The examples of the results' codes (09xx): a results table of the one single-department task
/// `2024-S-SP-01` (window 2024-03-01 .. 2024-11-30), two entities drawn in it, checked as of
/// 2024-12-31 (`ExplanationTests` says the rules and the draw they go with).
enum ResultExamples {
  static let heading = "任务编号,统一社会信用代码,检查部门,检查日期,检查结果,问题描述,公示日期,后续处置,办结日期\n"

  /// The table, clean but for what the arguments change in its second row (or a first row only).
  static func table(
    task: String = "2024-S-SP-01", department: String = "SCJG", inspected: String = "2024-05-07",
    second: String = "发现问题已责令改正,未公示年度报告,2024-05-21,责令改正,2024-05-28", rows: Int = 2
  ) -> String {
    heading + "2024-S-SP-01,91130102MA00000001,SCJG,2024-05-06,未发现问题,,2024-05-20,,\n"
      + (rows > 1 ? "\(task),91130102MA00000002,\(department),\(inspected),\(second)\n" : "")
  }

  /// The clean table with a 不合格要点 column, the second row's cell holding `failed`.
  static func withFailedPoints(_ failed: String) -> String {
    String(heading.dropLast()) + ",不合格要点\n" + "2024-S-SP-01,91130102MA00000001,SCJG,2024-05-06,未发现问题,,2024-05-20,,,\n"
      + "2024-S-SP-01,91130102MA00000002,SCJG,2024-05-07,发现问题已责令改正,未公示年度报告,2024-05-21,责令改正,2024-05-28,\(failed)\n"
  }
}
