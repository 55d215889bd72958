"""Known XSS and template-injection vectors, injected into every text field by test_xss.py.

Collected from the usual public cheat sheets (script tags, attribute breaks, encoded and
mixed-case URL schemes, event handlers, embedding elements, SVG and MathML payloads,
broken markup, Markdown-specific links, server-side template syntax). Each entry is
(id, payload); ids name the test cases.
"""

from __future__ import annotations

# A product no content contains: if it appears in the output, a template evaluated text.
TEMPLATE_PRODUCT = "1337"

VECTORS: tuple[tuple[str, str], ...] = (
    # <script> in its many spellings
    ("script", "<script>alert(1)</script>"),
    ("script-src", '<script src="https://evil.example/x.js"></script>'),
    ("script-uppercase", "<SCRIPT>alert(1)</SCRIPT>"),
    ("script-split", "<scr<script>ipt>alert(1)</scr</script>ipt>"),
    ("script-unclosed", "<script>alert(1)"),
    ("script-in-svg", "<svg><script>alert(1)</script></svg>"),
    ("script-in-template", "<template><script>alert(1)</script></template>"),
    ("script-fullwidth", "＜script＞alert(1)＜/script＞"),
    ("script-escaped-text", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("script-in-inline-code", "`<script>alert(1)</script>`"),
    ("script-in-code-block", "```\n<script>alert(1)</script>\n```"),
    # event handlers
    ("img-onerror", "<img src=x onerror=alert(1)>"),
    ("img-onerror-quoted", '<img src="x" onerror="alert(1)">'),
    ("svg-onload", "<svg onload=alert(1)>"),
    ("body-onload", "<body onload=alert(1)>"),
    ("input-onfocus-autofocus", "<input autofocus onfocus=alert(1)>"),
    ("details-ontoggle", "<details open ontoggle=alert(1)>"),
    ("video-source-onerror", '<video><source onerror="alert(1)"></video>'),
    ("marquee-onstart", "<marquee onstart=alert(1)>x</marquee>"),
    ("div-onclick-markdown-block", '<div onclick="alert(1)">\n\n**bold**\n\n</div>'),
    ("isindex", "<isindex type=image src=1 onerror=alert(1)>"),
    # javascript:, vbscript:, data: URLs, encoded and mixed-case
    ("a-javascript", '<a href="javascript:alert(1)">x</a>'),
    ("a-javascript-mixed-case", '<a href="JaVaScRiPt:alert(1)">x</a>'),
    (
        "a-javascript-decimal-entities",
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    ),
    ("a-javascript-hex-entity", '<a href="&#x6A;avascript:alert(1)">x</a>'),
    ("a-javascript-named-colon", '<a href="javascript&colon;alert(1)">x</a>'),
    ("a-javascript-tab-entity", '<a href="jav&#x09;ascript:alert(1)">x</a>'),
    ("a-javascript-named-tab", '<a href="java&Tab;script:alert(1)">x</a>'),
    ("a-javascript-newline", '<a href="java\nscript:alert(1)">x</a>'),
    ("a-javascript-leading-control", '<a href=" &#14; javascript:alert(1)">x</a>'),
    ("a-vbscript", '<a href="vbscript:msgbox(1)">x</a>'),
    ("a-data-html", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'),
    ("img-vbscript", '<img src="vbscript:msgbox(1)">'),
    ("img-srcset-javascript", '<img srcset="javascript:alert(1) 1x">'),
    ("a-ping", '<a href="https://example.com/" ping="https://evil.example/log">x</a>'),
    # Markdown links and images
    ("md-link-javascript", "[click](javascript:alert(1))"),
    ("md-link-javascript-entity", "[click](javascript&#58;alert(1))"),
    ("md-link-javascript-uppercase", "[click](JAVASCRIPT:alert(1))"),
    ("md-link-javascript-percent", "[click](javascript%3Aalert(1))"),
    ("md-link-vbscript", "[click](vbscript:msgbox(1))"),
    ("md-link-data", "[click](data:text/html,<script>alert(1)</script>)"),
    ("md-image-javascript", "![x](javascript:alert(1))"),
    ("md-image-alt-break", '![x" onerror="alert(1)](https://example.com/x.png)'),
    ("md-link-title-break", '[x](https://example.com/ "a\\" onmouseover=\\"alert(1)")'),
    ("md-reference-link", "[x][1]\n\n[1]: javascript:alert(1)"),
    ("md-autolink", "<javascript:alert(1)>"),
    ("md-link-backslash-host", "[x](https:/\\evil.example/)"),
    # embedding elements
    ("iframe-javascript", '<iframe src="javascript:alert(1)"></iframe>'),
    ("iframe-srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>'),
    ("object-data", '<object data="javascript:alert(1)"></object>'),
    ("embed-data", '<embed src="data:text/html,<script>alert(1)</script>">'),
    ("form-action", '<form action="javascript:alert(1)"><button>x</button></form>'),
    ("button-formaction", '<button formaction="javascript:alert(1)">x</button>'),
    ("base-href", '<base href="https://evil.example/">'),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'),
    ("link-stylesheet", '<link rel="stylesheet" href="https://evil.example/x.css">'),
    # style
    ("style-tag", '<style>body{background:url("javascript:alert(1)")}</style>'),
    ("style-import", "<style>@import 'https://evil.example/x.css';</style>"),
    ("style-attribute", '<p style="background:url(javascript:alert(1))">x</p>'),
    # SVG and MathML
    (
        "svg-animate-href",
        "<svg><a><animate attributeName=href values=javascript:alert(1) />"
        "<text x=20 y=20>click</text></a></svg>",
    ),
    ("svg-xlink-href", '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'),
    (
        "svg-use-data",
        '<svg><use href="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv'
        'MjAwMC9zdmciPjxzY3JpcHQ+YWxlcnQoMSk8L3NjcmlwdD48L3N2Zz4=#x"/></svg>',
    ),
    ("math-href", '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>'),
    (
        "math-maction-xlink",
        '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
    ),
    # breaking out of attributes, elements and comments
    ("attribute-break-double", '"><script>alert(1)</script>'),
    ("attribute-break-single", "'><img src=x onerror=alert(1)>"),
    ("attribute-break-unquoted", "x onmouseover=alert(1) x="),
    ("textarea-break", "</textarea><script>alert(1)</script>"),
    ("title-break", "</title><script>alert(1)</script>"),
    ("comment-break", '<!--<img src="--><img src=x onerror=alert(1)//">'),
    ("noscript-break", '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'),
    ("cdata", "<![CDATA[<script>alert(1)</script>]]>"),
    ("broken-img-unclosed", "<img src=x onerror=alert(1)//"),
    ("broken-quote", '<a href="https://example.com/ onclick=alert(1)>x</a>'),
    ("feed-break", "]]></content><script>alert(1)</script><content>"),
    ("xml-entity", '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;'),
    # template injection (Jinja2 and others): must be shown, never evaluated
    ("jinja-expression", "{{ 7*191 }}"),
    ("jinja-statement", "{% for x in range(3) %}{{ 7*191 }}{% endfor %}"),
    ("jinja-raw-break", "{% raw %}{%{% endraw %}{{ 7*191 }}"),
    ("jinja-endraw-break", "{% endraw %}{{ 7*191 }}{% raw %}"),
    ("jinja-ssti-classes", "{{ ''.__class__.__mro__[1].__subclasses__() }}"),
    ("jinja-globals", "{{ self.__init__.__globals__ }}{{ config }}{{ 7*191 }}"),
    ("other-template-syntaxes", "${7*191} #{7*191} <%= 7*191 %> [[${7*191}]]"),
)
