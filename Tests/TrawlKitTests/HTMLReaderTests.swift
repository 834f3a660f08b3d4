import Testing
import TrawlTestSupport
@testable import TrawlKit

/// Reading saved news web pages: metadata, the article's text without the page around it, broken markup.
@Suite(.checksXapianHandles) struct HTMLReaderTests {
    private func read(_ html: String, id: String = "page.html") throws -> Article {
        try HTMLReader().read(Array(html.utf8), id: id)
    }

    private func texts(_ article: Article) -> [String] {
        article.paragraphs.map(\.text)
    }

    // MARK: A whole page

    private static let newsPage = """
        <!DOCTYPE html>
        <html lang="en-GB" class="no-js">
        <head>
          <meta charset="utf-8">
          <title>Drones strike Haifa port | The Harbour Times</title>
          <meta property="og:title" content="Drones strike Haifa port, militia says">
          <meta property="og:site_name" content="The Harbour Times">
          <meta property="og:url" content="https://harbourtimes.example/world/drones-haifa?utm=feed">
          <link rel="canonical" href="https://harbourtimes.example/world/drones-haifa">
          <meta property="article:published_time" content="2024-02-01T06:30:00+00:00">
          <meta name="author" content="Samira Haddad">
          <meta name="keywords" content="Israel, Iraq, drones">
          <meta property="article:tag" content="Drones">
          <meta property="article:tag" content="Middle East">
          <meta name="description" content="An Iraqi group says it launched drones at the port.">
          <style>body { font-family: serif; } .lead::before { content: "Style text"; }</style>
          <script>window.dataLayer = [{ "page": "<p>Script text</p>" }];</script>
          <script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-01-31"}</script>
        </head>
        <body class="article-page has-comments">
          <a class="skip-link" href="#main">Skip to content</a>
          <header class="site-header">
            <h1 class="logo">The Harbour Times</h1>
            <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
          </header>
          <div class="breadcrumbs"><a href="/world">World</a> › Middle East</div>
          <main id="main">
            <article>
              <header>
                <h1>Drones strike Haifa port, militia says</h1>
                <p class="byline">By <a rel="author" href="/staff/samira">Samira Haddad</a></p>
                <time datetime="2024-02-01">1 February 2024</time>
              </header>
              <div class="share-tools"><button>Share</button><a href="#">Tweet this</a></div>
              <p class="lead">An Iraqi militia said on Thursday it had launched
                drones at the port of Haifa.</p>
              <figure><img src="port.jpg" alt="The port"><figcaption>The port at dawn. Photo: Agency</figcaption></figure>
              <p>The Israeli military said it <em>intercepted</em> two of them &mdash; a third fell into the sea.</p>
              <div class="ad-slot"><script>showAd()</script>Advertisement</div>
              <h2>What happens next</h2>
              <p>Officials would not say whether the port would close.</p>
              <aside class="related"><h3>Related</h3><ul><li><a href="/a">Earlier attack on Eilat</a></li></ul></aside>
              <div id="newsletter-signup"><p>Sign up for our morning briefing</p></div>
            </article>
            <section id="comments"><h2>Comments (12)</h2><p>First!</p></section>
          </main>
          <footer><p>&copy; 2024 The Harbour Times</p></footer>
          <noscript><p>Please enable JavaScript</p></noscript>
          <div class="cookie-banner">We use cookies.</div>
        </body>
        </html>
        """

    @Test func newsPageMetadata() throws {
        let article = try read(Self.newsPage, id: "world/drones.html")
        #expect(article.id == "world/drones.html")
        #expect(article.title == "Drones strike Haifa port, militia says")
        #expect(article.titleLine == 30)  // the article's <h1>, which says the same as og:title
        #expect(article.date == "2024-02-01")
        #expect(article.author == "Samira Haddad")
        #expect(article.source == "The Harbour Times")
        #expect(article.url == "https://harbourtimes.example/world/drones-haifa")
        #expect(article.language == "en")
        #expect(article.tags == ["Israel", "Iraq", "drones", "Middle East"])
        #expect(article.metadata["description"] == .text("An Iraqi group says it launched drones at the port."))
    }

    @Test func newsPageBodyIsTheArticleWithoutFurniture() throws {
        let article = try read(Self.newsPage)
        #expect(texts(article) == [
            "An Iraqi militia said on Thursday it had launched\ndrones at the port of Haifa.",
            "The Israeli military said it intercepted two of them — a third fell into the sea.",
            "What happens next",
            "Officials would not say whether the port would close.",
        ])
        #expect(article.paragraphs.map(\.line) == [35, 38, 40, 41])
        let body = article.bodyText
        for furniture in ["Share", "Tweet", "Advertisement", "Related", "Eilat", "Sign up", "First!", "cookies",
                          "Style text", "Script text", "JavaScript", "Photo: Agency", "Home", "Skip", "Samira"] {
            #expect(!body.contains(furniture), "\(furniture) is furniture")
        }
    }

    @Test func readerConformsToTheProtocol() throws {
        let result = try HTMLReader().articles(in: Array(Self.newsPage.utf8), id: "a.htm")
        #expect(result.articles.count == 1)
        #expect(result.articles.first?.id == "a.htm")
        #expect(result.problems.isEmpty)
    }

    // MARK: Titles

    @Test func titleTagAndParagraphsOnly() throws {
        let article = try read("""
            <html><head><title>Storm closes coastal road</title></head>
            <body>
            <p>The coastal road was closed overnight.</p>
            <p>Crews expect to reopen it by noon.</p>
            </body></html>
            """)
        #expect(article.title == "Storm closes coastal road")
        #expect(article.titleLine == 1)
        #expect(texts(article) == ["The coastal road was closed overnight.", "Crews expect to reopen it by noon."])
        #expect(article.date == nil)
        #expect(article.author == nil)
        #expect(article.source == nil)
        #expect(article.url == nil)
        #expect(article.language == nil)
        #expect(article.tags.isEmpty)
    }

    @Test(arguments: [
        ("Storm closes road | Coast News", "Coast News", "Storm closes road"),
        ("Storm closes road - coast news", "Coast News", "Storm closes road"),
        ("Coast News – Storm closes road", "Coast News", "Storm closes road"),
        ("Storm closes road | Other Site", "Coast News", "Storm closes road | Other Site"),
        ("Storm closes road - Coast News", nil, "Storm closes road - Coast News"),
    ] as [(String, String?, String)])
    func siteNameIsStrippedFromTheTitleOnlyWhenItIsTheSite(title: String, site: String?, expected: String) throws {
        let siteMeta = site.map { "<meta property=\"og:site_name\" content=\"\($0)\">" } ?? ""
        let article = try read("<title>\(title)</title>\(siteMeta)<p>Body text.</p>")
        #expect(article.title == expected)
    }

    @Test func twitterTitleWhenThereIsNoOpenGraphTitle() throws {
        let article = try read("""
            <meta name="twitter:title" content="Port reopens">
            <title>Something else</title><p>The port reopened.</p>
            """)
        #expect(article.title == "Port reopens")
        #expect(article.titleLine == 1)
    }

    @Test func articleHeadlineBeatsThePageHeadlineAndIsNotRepeatedInTheBody() throws {
        let article = try read("""
            <title>Harbour Times</title>
            <div class="masthead"><h1>Harbour Times</h1></div>
            <article>
            <h1>Port  reopens
            after strike</h1>
            <p>The port reopened on Monday.</p>
            </article>
            """)
        #expect(article.title == "Port reopens after strike")
        #expect(article.titleLine == 4)
        #expect(texts(article) == ["The port reopened on Monday."])
    }

    @Test func mastheadHeadlineNamingTheSiteIsNotTheTitle() throws {
        let article = try read("""
            <meta property="og:site_name" content="Harbour Times">
            <title>Port reopens - Harbour Times</title>
            <header><h1>Harbour Times</h1></header><div><p>The port reopened.</p></div>
            """)
        #expect(article.title == "Port reopens")
    }

    @Test func headlineThatDiffersFromTheTitleStaysInTheBody() throws {
        let article = try read("""
            <meta property="og:title" content="Port reopens">
            <article><h1>Port reopens after a week</h1><p>The port reopened.</p></article>
            """)
        #expect(article.title == "Port reopens")
        #expect(texts(article) == ["Port reopens after a week", "The port reopened."])
    }

    @Test func noTitleGivesShortTitleFromFirstSentence() throws {
        let article = try read("<body><p>crews reopened the coastal road on Monday. It had been shut.</p></body>")
        #expect(article.title == "Crews reopened the coastal road on Monday.")
        #expect(article.titleLine == nil)
        #expect(article.paragraphs.count == 1)
    }

    // MARK: Dates and people

    @Test(arguments: [
        #"<meta property="article:published_time" content="2023-11-05T09:00:00Z">"#,
        #"<meta name="date" content="2023-11-05">"#,
        #"<meta name="pubdate" content="2023-11-05">"#,
        #"<meta itemprop="datePublished" content="2023-11-05">"#,
        #"<span itemprop="datePublished" content="2023-11-05">5 Nov</span>"#,
        #"<script type="application/ld+json">{"headline": "x", "datePublished" : "2023-11-05T10:00"}</script>"#,
        #"<header><time datetime="2023-11-05">Sunday</time></header>"#,
    ])
    func dateFromMetaMicrodataJSONLDOrTime(markup: String) throws {
        let article = try read("<html><body>\(markup)<p>Text of the article.</p></body></html>")
        #expect(article.date == "2023-11-05")
    }

    @Test func timeInsideTheArticleBeatsOneOutside() throws {
        let article = try read("""
            <div class="top"><time datetime="2024-06-30">Today</time></div>
            <article><time datetime="2024-06-01">1 June</time><p>Text.</p></article>
            """)
        #expect(article.date == "2024-06-01")
    }

    @Test func noDateIsNil() throws {
        let article = try read("""
            <title>Port reopens</title>
            <p>On 3 March 2024 the port reopened; it had closed on 2024-02-20.</p>
            <time>last week</time>
            <meta name="date" content="soon">
            """)
        #expect(article.date == nil)
    }

    @Test func authorFromLinkOrBylineWhenMetaIsAURL() throws {
        let linked = try read("""
            <meta property="article:author" content="https://facebook.com/jsmith">
            <article><span class="meta">by <a rel="author" href="/jane">Jane Smith</a></span><p>Text.</p></article>
            """)
        #expect(linked.author == "Jane Smith")

        let byline = try read("""
            <div class="article__byline">By   Omar
              Khalil <time datetime="2024-01-02">2 Jan</time></div>
            <p>Text.</p>
            """)
        #expect(byline.author == "Omar Khalil")
        #expect(byline.date == "2024-01-02")
        #expect(texts(byline) == ["Text."])
    }

    @Test func bylineInFurnitureIsNotTheAuthor() throws {
        let article = try read("""
            <aside><div class="byline">By Someone Else</div></aside>
            <article><p class="byline">By Lina Park</p><p>Text.</p></article>
            """)
        #expect(article.author == "Lina Park")
    }

    @Test func languageAndTagsFromOtherPlaces() throws {
        let article = try read("""
            <html lang="pt_BR"><meta name="news_keywords" content="port; strike ;Port">
            <meta property="article:tag" content="labour"><p>Texto.</p></html>
            """)
        #expect(article.language == "pt")
        #expect(article.tags == ["port", "strike", "labour"])
    }

    @Test func applicationNameIsTheSourceWhenThereIsNoSiteName() throws {
        let article = try read("""
            <meta name="application-name" content="Coast News"><meta property="og:url" content="https://c.example/a">
            <p>Text.</p>
            """)
        #expect(article.source == "Coast News")
        #expect(article.url == "https://c.example/a")
    }

    // MARK: Body text

    @Test func entitiesAreDecoded() throws {
        let article = try read("""
            <title>Fish &amp; chips &ndash; &lsquo;a&rsquo; &ldquo;b&rdquo;</title>
            <p>&lt;tag&gt; &quot;q&quot; &apos;s caf&eacute; &pound;5 &euro;6 &copy;&reg;&trade; 30&deg; wait&hellip;</p>
            <p>&#8220;Hi&#8221; &#x2014; it&#146;s &#X41;&#66 &copy 2024 AT&T &bogus; &#; &</p>
            <p>a&nbsp;b&#160;c &#10; d</p>
            """)
        #expect(article.title == "Fish & chips – ‘a’ “b”")
        #expect(texts(article) == [
            "<tag> \"q\" 's café £5 €6 ©®™ 30° wait…",
            "“Hi” — it’s AB © 2024 AT&T &bogus; &#; &",
            "a b c d",
        ])
    }

    @Test func entitiesInAttributesKeepURLsIntact() throws {
        let article = try read("""
            <link rel="canonical" href="https://x.example/a?b=1&amp;c=2&copy=3">
            <meta property="og:title" content="Tom &amp; Jerry&#39;s">
            <p>Text.</p>
            """)
        #expect(article.url == "https://x.example/a?b=1&c=2&copy=3")
        #expect(article.title == "Tom & Jerry's")
    }

    @Test func paragraphLinesAreWhereTheirTextStarts() throws {
        let article = try read("""
            <html>
            <body>
            <div>
              <p>
                First paragraph,
                wrapped over lines.
              </p><p>Second.</p>
            <ul><li>One</li>
            <li>Two</li></ul>
            <blockquote>Quoted<br>still quoted<br><br>After two breaks</blockquote>
            </div></body></html>
            """)
        #expect(article.paragraphs == [
            Paragraph(text: "First paragraph,\nwrapped over lines.", line: 5),
            Paragraph(text: "Second.", line: 7),
            Paragraph(text: "One", line: 8),
            Paragraph(text: "Two", line: 9),
            Paragraph(text: "Quoted still quoted", line: 10),
            Paragraph(text: "After two breaks", line: 10),
        ])
    }

    @Test func inlineElementsDoNotSplitWordsButCellsDo() throws {
        let article = try read("<p>Re<b>mark</b>able <i>news</i>.</p><table><tr><td>Port</td><td>Haifa</td></tr></table>")
        #expect(texts(article) == ["Remarkable news.", "Port Haifa"])
    }

    @Test func theArticleWithMostTextIsTheBody() throws {
        let article = try read("""
            <article><h2>Teaser</h2><p>Short.</p></article>
            <article><p>The main story has much more text than the teaser.</p><p>And a second paragraph.</p></article>
            <p>Page text outside any article.</p>
            """)
        #expect(texts(article) == ["The main story has much more text than the teaser.", "And a second paragraph."])
    }

    @Test func articleBodyThenMainThenPage() throws {
        let articleBody = try read("""
            <main><p>Main intro.</p><div itemprop="articleBody"><p>Body one.</p><p>Body two.</p></div></main>
            """)
        #expect(texts(articleBody) == ["Body one.", "Body two."])

        let main = try read("<div>Outside.</div><main><p>In main.</p></main>")
        #expect(texts(main) == ["In main."])
    }

    @Test func pageWrappedInAFormIsStillRead() throws {
        let article = try read("""
            <body><form id="aspnetForm" action="story.aspx"><div class="content">
            <p>An old page's whole body sits in a form.</p>
            </div></form></body>
            """)
        #expect(texts(article) == ["An old page's whole body sits in a form."])
    }

    @Test func hiddenElementsAndRolesAreDropped() throws {
        let article = try read("""
            <div role="navigation">Menu</div><p hidden>Hidden</p><p style="display: none">Gone</p>
            <p>Shown.</p><div class="commentary">Commentary is not comments.</div>
            """)
        #expect(texts(article) == ["Shown.", "Commentary is not comments."])
    }

    @Test func furnitureWordsInClassNames() {
        #expect(HTMLFurniture.words(in: "c-shareBar related_links ad-slot") == ["c", "share", "bar", "related", "links", "ad", "slot"])
        let marked = ["share-tools", "socialLinks", "ad", "adSlot", "comments-area", "breadcrumbs", "main-menu", "promo"]
        let unmarked = ["header", "lead", "read-more", "commentary", "shared-content", "loaded", "story-body",
                        "subscriber-content", "socialist-party", "adventure"]
        func tag(_ value: String) -> HTMLTag { HTMLTag(name: "div", attributes: [("class", value)], selfClosing: false, line: 1) }
        for value in marked { #expect(HTMLFurniture.isMarked(tag(value)), "\(value)") }
        for value in unmarked { #expect(!HTMLFurniture.isMarked(tag(value)), "\(value)") }
    }

    // MARK: Broken markup

    @Test func unclosedTags() throws {
        let article = try read("""
            <html><body><div><P>One
            <p>Two <b>bold
            <li>Three
            <h2>Four
            """)
        #expect(texts(article) == ["One", "Two bold", "Three", "Four"])
        #expect(article.paragraphs.map(\.line) == [1, 2, 3, 4])
    }

    @Test func unterminatedCommentRunsToTheEnd() throws {
        let article = try read("<p>Before.</p><!-- a comment that never ends <p>Hidden.</p>")
        #expect(texts(article) == ["Before."])
    }

    @Test func commentsAndCDATAAreSkipped() throws {
        let article = try read("<p>One<!-- two --> three<!----><![CDATA[ four ]]> five<!-->six</p><p>Seven<!--->eight</p>")
        #expect(texts(article) == ["One three fivesix", "Seveneight"])  // as browsers show them
    }

    @Test func strayLessThanSignsAreText() throws {
        let article = try read("""
            <p>If a < b and 3<4, then <3 and a <= b</p>
            <p>Trailing <unclosed tag with no end
            """)
        #expect(texts(article) == ["If a < b and 3<4, then <3 and a <= b", "Trailing <unclosed tag with no end"])
    }

    @Test func unquotedAndOddAttributes() throws {
        let article = try read("""
            <META NAME=author CONTENT=Okafor><meta property='og:title' content='Single quoted'>
            <LINK REL=canonical HREF=https://x.example/a/b>
            <DIV CLASS=share>Share me</DIV>
            <p class="lead" data-x="a>b">Kept.</p>
            <p title="never closed>Also kept.</p>
            """)
        #expect(article.author == "Okafor")
        #expect(article.title == "Single quoted")
        #expect(article.url == "https://x.example/a/b")
        #expect(texts(article) == ["Kept.", "Also kept."])
    }

    @Test func unterminatedScriptHidesTheRest() throws {
        let article = try read("<p>Visible.</p><SCRIPT>var s = '<p>not text</p>';\n<p>still script")
        #expect(texts(article) == ["Visible."])
        let closed = try read("<p>A</p><script>if (a</b) x = '</scripty>';</SCRIPT ><p>B</p>")
        #expect(texts(closed) == ["A", "B"])
    }

    @Test func strayEndTagsAreIgnored() throws {
        let article = try read("</div></span><p>One</b></i>.</p></p></td><p>Two</p></html>")
        #expect(texts(article) == ["One.", "Two"])
    }

    @Test func hugeBrokenPageIsReadInOnePass() throws {
        // Thousands of unclosed elements, stray `<`, an unterminated quote and an unterminated attribute list.
        var html = "<p>Start.</p>"
        html += String(repeating: "<div><span>word <a href=\"x ", count: 20_000)
        html += String(repeating: "a < b <c ", count: 20_000)
        html += "<p class=\"open"
        let article = try read(html)
        #expect(article.paragraphs.first?.text == "Start.")
        #expect(article.paragraphs.count >= 2)
    }

    // MARK: Not articles

    @Test func pageWithNothingReadableIsEmpty() {
        #expect(throws: ArticleReadError.empty) { try read("") }
        #expect(throws: ArticleReadError.empty) {
            try read("<html><head><title>Only a title</title><style>p{}</style></head><body> &nbsp; <script>x()</script></body></html>")
        }
        #expect(throws: ArticleReadError.empty) { try read("<!-- nothing but a comment -->\n<br><hr>") }
    }

    @Test func binaryIsNotAPage() {
        #expect(throws: ArticleReadError.binary) { try HTMLReader().read([0x3C, 0x70, 0x00, 0x3E], id: "b.html") }
    }

    @Test func windows1252PageIsDecoded() throws {
        let bytes = Array("<p>Caf".utf8) + [0xE9] + Array(" ".utf8) + [0x93] + Array("open".utf8) + [0x94] + Array("</p>".utf8)
        let article = try HTMLReader().read(bytes, id: "old.htm")
        #expect(texts(article) == ["Café “open”"])
    }
}
