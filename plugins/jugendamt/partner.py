"""The declaration of the Jugendamt Burgenlandkreis (SGB VIII)."""

from __future__ import annotations

from core import CONSENT, Contact, FieldGrant, Location, OpeningHours, Partner, PartnerKind, Service

_AZRG = "AZRG §18d Abs. 1"
_UMA = "SGB VIII §42a"


def _grants(
    fields: tuple[str, ...],
    purpose: str,
    basis: str,
    *,
    write: bool = False,
) -> list[FieldGrant]:
    """AZRG grants exclude EU citizens with free movement; SGB VIII applies to every child."""
    return [
        FieldGrant(
            field=field,
            purpose=purpose,
            basis=basis,
            write=write,
            excludes_free_movement=basis.startswith("AZRG"),
        )
        for field in fields
    ]


def _field_grants() -> tuple[FieldGrant, ...]:
    return (
        *_grants(
            ("family_name", "given_names", "birth_date", "birth_place", "gender", "nationality"),
            "Identifizierung von Kindern, Jugendlichen und Eltern bei Aufgaben der Kinder- und Jugendhilfe.",
            _AZRG,
        ),
        *_grants(
            ("address", "phone", "email", "municipality"),
            "Erreichbarkeit und örtliche Zuständigkeit bei Aufgaben der Kinder- und Jugendhilfe.",
            _AZRG,
        ),
        *_grants(
            ("residence_status", "permit_valid_until", "arrival_date", "work_permission"),
            "Begleitung des asyl- und aufenthaltsrechtlichen Verfahrens Minderjähriger durch Vormund und "
            "Sozialen Dienst.",
            _AZRG,
        ),
        *_grants(
            ("children",),
            "Erfassung von Kindern und Angehörigen bei Hilfen zur Erziehung und Familienzusammenführung.",
            _AZRG,
        ),
        *_grants(
            ("marital_status",),
            "Prüfung, ob ein verheirateter Minderjähriger als unbegleitet eingereist gilt (SGB VIII §42a Abs. 1).",
            _UMA,
        ),
        *_grants(
            ("unaccompanied_minor", "guardian"),
            "Vorläufige Inobhutnahme unbegleiteter Minderjähriger und Sicherstellung der Vormundschaft.",
            _UMA,
            write=True,
        ),
        *_grants(
            ("school_education", "languages"),
            "Hilfeplanung für Schulbesuch und Sprachförderung.",
            CONSENT,
        ),
    )


def _services() -> tuple[Service, ...]:
    return (
        Service(
            id="inobhutnahme",
            names={
                "de": "Inobhutnahme und Alterseinschätzung",
                "en": "Taking into care and age assessment",
                "ar": "الإيواء الحمائي وتقدير العمر",
                "ku": "Girtina di bin parastinê de û texmînkirina temen",
            },
            descriptions={
                "de": (
                    "Vorläufige Inobhutnahme unbegleitet eingereister Kinder und Jugendlicher (SGB VIII § 42a), "
                    "Alterseinschätzung, Gesundheitscheck, Unterbringung in einer Jugendhilfeeinrichtung und Prüfung "
                    "der bundesweiten Verteilung; Inobhutnahme bei akuter Gefährdung eines Kindes (§ 42)."
                ),
                "en": (
                    "Provisional taking into care of children and young people who entered the country unaccompanied "
                    "(SGB VIII section 42a), age assessment, health check, placement in a youth welfare facility and "
                    "examination of the nationwide distribution; taking into care when a child is in acute danger "
                    "(section 42)."
                ),
                "ar": (
                    "الإيواء المؤقت للأطفال واليافعين الذين دخلوا البلاد دون مرافق (المادة 42a من الكتاب الثامن من "
                    "قانون الضمان الاجتماعي)، وتقدير العمر، والفحص الصحي، والإسكان في مؤسسة لرعاية الشباب، ودراسة "
                    "التوزيع على الولايات؛ والإيواء عند وجود خطر حاد على الطفل (المادة 42)."
                ),
                "ku": (
                    "Girtina demkî di bin parastinê de ya zarok û ciwanên ku bê serpereşt hatine welat (SGB VIII xala "
                    "42a), texmînkirina temen, kontrola tenduristiyê, bicihkirin li saziyeke alîkariya ciwanan û "
                    "kontrolkirina belavkirina li eyaletan; girtina di bin parastinê de dema ku zarokek di xetereyeke "
                    "giran de be (xala 42)."
                ),
            },
            languages=("de", "en", "ar", "ku", "fa", "ps"),
            eligibility={
                "de": (
                    "Kinder und Jugendliche unter 18 Jahren ohne Begleitung eines Sorgeberechtigten sowie Kinder in "
                    "akuter Gefahr – unabhängig von Staatsangehörigkeit und Aufenthaltsstatus; der "
                    "Bereitschaftsdienst ist rund um die Uhr erreichbar."
                ),
                "en": (
                    "Children and young people under 18 without a parent or legal guardian with them, and children in "
                    "acute danger – regardless of nationality and residence status; the on-call service can be "
                    "reached around the clock."
                ),
                "ar": (
                    "الأطفال واليافعون دون 18 عامًا غير المرافقين بمن له حق الحضانة، والأطفال المعرضون لخطر حاد – بغض "
                    "النظر عن الجنسية ووضع الإقامة؛ وخدمة المناوبة متاحة على مدار الساعة."
                ),
                "ku": (
                    "Zarok û ciwanên di bin 18 salî de yên bê dêûbav an serpereştê qanûnî, û zarokên di xetereyeke "
                    "giran de – bêyî ku hemwelatî an rewşa rûniştinê girîng be; xizmeta nobetê 24 saetan amade ye."
                ),
            },
            required_documents={
                "de": (
                    "Vorhandene Ausweis- oder Reisedokumente",
                    "Geburtsurkunde oder Tazkira, auch als Foto oder Kopie",
                    "Kontaktdaten von Angehörigen in Deutschland oder im Herkunftsland",
                ),
                "en": (
                    "Any identity or travel documents you have",
                    "Birth certificate or tazkira, also as a photo or copy",
                    "Contact details of relatives in Germany or in the country of origin",
                ),
                "ar": (
                    "أي وثائق هوية أو سفر متوفرة",
                    "شهادة الميلاد أو التذكرة، ولو كصورة أو نسخة",
                    "بيانات الاتصال بالأقارب في ألمانيا أو في البلد الأصلي",
                ),
                "ku": (
                    "Her belgeyeke nasnameyê an rêwîtiyê ya ku heye",
                    "Belgeya jidayikbûnê an Tazkira, wek wêne an kopî jî dibe",
                    "Agahiyên têkiliyê yên xizmên li Almanyayê an li welatê eslî",
                ),
            },
            needs_fields=("family_name", "given_names", "birth_date", "arrival_date", "unaccompanied_minor"),
            keywords={
                "de": (
                    "Inobhutnahme",
                    "allein eingereist",
                    "ohne Eltern",
                    "Kind allein",
                    "Jugendlicher",
                    "Notfall",
                    "Gefahr",
                    "Gewalt",
                    "Alter",
                    "Alterseinschätzung",
                    "Schlafplatz",
                    "Notunterkunft",
                    "Kinderschutz",
                    "weggelaufen",
                ),
                "en": (
                    "taking into care",
                    "came alone",
                    "without parents",
                    "child alone",
                    "teenager",
                    "emergency",
                    "danger",
                    "violence",
                    "age",
                    "age assessment",
                    "place to sleep",
                    "child protection",
                    "ran away",
                    "nowhere to stay",
                ),
                "ar": (
                    "إيواء",
                    "جيت لحالي",
                    "بدون أهل",
                    "طفل لوحده",
                    "مراهق",
                    "طوارئ",
                    "خطر",
                    "عنف",
                    "ضرب",
                    "العمر",
                    "تقدير العمر",
                    "مكان للنوم",
                    "حماية الطفل",
                    "هربت من البيت",
                ),
                "ku": (
                    "girtina di bin parastinê de",
                    "bi tenê hatim",
                    "bê dêûbav",
                    "zarok bi tenê",
                    "ciwan",
                    "acîl",
                    "xetere",
                    "tundî",
                    "lêdan",
                    "temen",
                    "texmînkirina temen",
                    "cihê razanê",
                    "parastina zarokan",
                    "ji malê reviyam",
                ),
            },
        ),
        Service(
            id="vormundschaft",
            names={
                "de": "Vormundschaft für unbegleitete Minderjährige",
                "en": "Guardianship for unaccompanied minors",
                "ar": "الوصاية على القاصرين غير المصحوبين",
                "ku": "Serpereştî ji bo ciwanên bê serpereşt",
            },
            descriptions={
                "de": (
                    "Amtsvormünder vertreten unbegleitete minderjährige Geflüchtete rechtlich: Asyl- und "
                    "Aufenthaltsverfahren, Schule und Ausbildung, Gesundheit, Konto und Verträge. Wir klären auch "
                    "Familienzusammenführung und den Übergang mit 18 Jahren."
                ),
                "en": (
                    "Official guardians represent unaccompanied refugee minors in legal matters: asylum and residence "
                    "procedures, school and training, health, bank account and contracts. We also look at family "
                    "reunification and the transition at 18."
                ),
                "ar": (
                    "يمثّل الأوصياء الرسميون القاصرين اللاجئين غير المصحوبين قانونيًا: في إجراءات اللجوء والإقامة، "
                    "والمدرسة والتدريب المهني، والصحة، والحساب البنكي والعقود. كما نتابع لمّ شمل العائلة والانتقال "
                    "عند بلوغ 18 عامًا."
                ),
                "ku": (
                    "Serpereştên fermî ciwanên penaber ên bê serpereşt di warê qanûnî de temsîl dikin: pêvajoya "
                    "penaberî û rûniştinê, dibistan û Ausbildung, tenduristî, hesabê bankê û peyman. Em li ser anîna "
                    "malbatê û derbasbûna 18 saliyê jî dixebitin."
                ),
            },
            languages=("de", "en", "ar", "ku", "fa", "ps"),
            eligibility={
                "de": (
                    "Unbegleitete Minderjährige, für die das Familiengericht das Jugendamt zum Vormund bestellt hat "
                    "oder bestellen soll."
                ),
                "en": (
                    "Unaccompanied minors for whom the family court has appointed, or is to appoint, the youth "
                    "welfare office as guardian."
                ),
                "ar": "القاصرون غير المصحوبين الذين عيّنت محكمة الأسرة مكتب رعاية الشباب وصيًا عليهم أو ستعيّنه.",
                "ku": (
                    "Ciwanên bê serpereşt ên ku dadgeha malbatê Jugendamt wek serpereşt destnîşan kiriye an dê "
                    "destnîşan bike."
                ),
            },
            required_documents={
                "de": (
                    "Beschluss des Familiengerichts über die Vormundschaft, falls vorhanden",
                    "Ausweisdokumente oder Ankunftsnachweis",
                    "Dokumente aus dem Herkunftsland (Geburtsurkunde, Tazkira, Familienbuch)",
                    "Schreiben des BAMF oder der Ausländerbehörde",
                ),
                "en": (
                    "Family court decision on the guardianship, if available",
                    "Identity documents or proof of arrival",
                    "Documents from the country of origin (birth certificate, tazkira, family register)",
                    "Letters from the BAMF or the foreigners' authority",
                ),
                "ar": (
                    "قرار محكمة الأسرة بشأن الوصاية إن وجد",
                    "وثائق الهوية أو إثبات الوصول",
                    "وثائق من البلد الأصلي (شهادة الميلاد، التذكرة، دفتر العائلة)",
                    "رسائل من المكتب الاتحادي للهجرة واللاجئين أو من دائرة الأجانب",
                ),
                "ku": (
                    "Biryara dadgeha malbatê li ser serpereştiyê, heke hebe",
                    "Belgeyên nasnameyê an belgeya hatinê",
                    "Belgeyên ji welatê eslî (belgeya jidayikbûnê, Tazkira, deftera malbatê)",
                    "Nameyên BAMF an Fermangeha Biyaniyan",
                ),
            },
            needs_fields=(
                "family_name",
                "given_names",
                "birth_date",
                "residence_status",
                "unaccompanied_minor",
                "guardian",
            ),
            keywords={
                "de": (
                    "Vormund",
                    "Vormundschaft",
                    "allein hier",
                    "ohne Eltern",
                    "minderjährig",
                    "unter 18",
                    "UMA",
                    "umF",
                    "Familiengericht",
                    "Eltern holen",
                    "Familiennachzug",
                    "18 werden",
                    "volljährig",
                    "Asylanhörung",
                ),
                "en": (
                    "guardian",
                    "guardianship",
                    "alone here",
                    "without parents",
                    "minor",
                    "under 18",
                    "unaccompanied",
                    "family court",
                    "bring my parents",
                    "family reunification",
                    "turning 18",
                    "asylum interview",
                ),
                "ar": (
                    "وصي",
                    "الوصي",
                    "وصاية",
                    "لحالي هون",
                    "بدون أهل",
                    "قاصر",
                    "تحت 18",
                    "قاصر غير مصحوب",
                    "محكمة الأسرة",
                    "جيب أهلي",
                    "لم الشمل",
                    "صرت 18",
                    "بلغت السن القانوني",
                    "مقابلة اللجوء",
                ),
                "ku": (
                    "serpereşt",
                    "Vormund",
                    "serpereştî",
                    "ez bi tenê me",
                    "bê dêûbav",
                    "biçûk",
                    "di bin 18 salî de",
                    "ciwanê bê serpereşt",
                    "dadgeha malbatê",
                    "anîna dêûbavan",
                    "anîna malbatê",
                    "dibim 18 salî",
                    "hevpeyvîna penaberiyê",
                ),
            },
        ),
        Service(
            id="asd_uma",
            names={
                "de": "Allgemeiner Sozialer Dienst für unbegleitete Minderjährige",
                "en": "General social service for unaccompanied minors",
                "ar": "الخدمة الاجتماعية العامة للقاصرين غير المصحوبين",
                "ku": "Xizmeta Civakî ya Giştî ji bo ciwanên bê serpereşt",
            },
            descriptions={
                "de": (
                    "Hilfeplanung nach der Inobhutnahme: passende Wohnform (Wohngruppe, betreutes Wohnen, "
                    "Pflegefamilie), Schule und Sprachförderung, psychosoziale Unterstützung und Hilfe für junge "
                    "Volljährige über 18 hinaus."
                ),
                "en": (
                    "Care planning after being taken into care: a suitable living arrangement (residential group, "
                    "supported living, foster family), school and language support, psychosocial support and help for "
                    "young adults beyond 18."
                ),
                "ar": (
                    "التخطيط للمساعدة بعد الإيواء: شكل السكن المناسب (مجموعة سكنية، سكن بإشراف، عائلة حاضنة)، "
                    "والمدرسة ودعم اللغة، والدعم النفسي والاجتماعي، ومساعدة الشباب البالغين بعد سن 18."
                ),
                "ku": (
                    "Plansaziya alîkariyê piştî girtina di bin parastinê de: awayê jiyanê yê guncav (koma jiyanê, "
                    "jiyana bi çavdêrî, malbata xwedîkirinê), dibistan û piştgiriya zimên, piştgiriya psîkososyal û "
                    "alîkarî ji bo ciwanên mezin piştî 18 saliyê."
                ),
            },
            languages=("de", "en", "ar", "ku", "fa"),
            eligibility={
                "de": (
                    "Unbegleitete Minderjährige und junge Volljährige bis 21 Jahre (in Ausnahmefällen bis 27) im "
                    "Burgenlandkreis."
                ),
                "en": (
                    "Unaccompanied minors and young adults up to 21 (in exceptional cases up to 27) in the "
                    "Burgenlandkreis."
                ),
                "ar": (
                    "القاصرون غير المصحوبين والشباب البالغون حتى 21 عامًا (وفي حالات استثنائية حتى 27) في منطقة "
                    "بورغنلاندكرايس."
                ),
                "ku": (
                    "Ciwanên bê serpereşt û ciwanên mezin heta 21 salî (di rewşên taybet de heta 27) li "
                    "Burgenlandkreisê."
                ),
            },
            required_documents={
                "de": (
                    "Beschluss über die Vormundschaft",
                    "Aufenthaltsgestattung, Duldung oder Aufenthaltstitel",
                    "Schulbescheinigung oder Zeugnisse",
                    "Bisheriger Hilfeplan, falls vorhanden",
                ),
                "en": (
                    "Guardianship decision",
                    "Aufenthaltsgestattung, Duldung or residence permit",
                    "School certificate or reports",
                    "Previous care plan, if any",
                ),
                "ar": (
                    "قرار الوصاية",
                    "الأوفنتهالتس غيشتاتونغ أو الدولدونغ أو الإقامة",
                    "إفادة مدرسية أو شهادات",
                    "خطة المساعدة السابقة إن وجدت",
                ),
                "ku": (
                    "Biryara serpereştiyê",
                    "Aufenthaltsgestattung, Duldung an îqame",
                    "Belgeya dibistanê an karne",
                    "Plana alîkariyê ya berê, heke hebe",
                ),
            },
            needs_fields=(
                "family_name",
                "given_names",
                "birth_date",
                "address",
                "unaccompanied_minor",
                "guardian",
            ),
            keywords={
                "de": (
                    "Wohngruppe",
                    "betreutes Wohnen",
                    "Betreuer",
                    "Hilfeplan",
                    "Pflegefamilie",
                    "Jugendhilfe",
                    "Schule",
                    "18 Jahre",
                    "junger Volljähriger",
                    "Einrichtung",
                    "Heimweh",
                    "Sorgen",
                    "psychisch",
                    "eigene Wohnung",
                ),
                "en": (
                    "residential group",
                    "supported living",
                    "caseworker",
                    "care plan",
                    "foster family",
                    "youth welfare",
                    "school",
                    "turning 18",
                    "young adult",
                    "care home",
                    "homesick",
                    "worries",
                    "mental health",
                    "own flat",
                ),
                "ar": (
                    "مجموعة سكنية",
                    "سكن مع إشراف",
                    "المشرف",
                    "البتروير",
                    "خطة المساعدة",
                    "عائلة حاضنة",
                    "رعاية الشباب",
                    "مدرسة",
                    "صار عمري 18",
                    "شاب بالغ",
                    "الدار",
                    "حنين للأهل",
                    "مشاكل نفسية",
                    "بيت لحالي",
                ),
                "ku": (
                    "koma jiyanê",
                    "Wohngruppe",
                    "jiyana bi çavdêrî",
                    "Betreuer",
                    "plana alîkariyê",
                    "malbata xwedîkirinê",
                    "alîkariya ciwanan",
                    "dibistan",
                    "bûm 18 salî",
                    "ciwanê mezin",
                    "bêriya malbatê",
                    "xem",
                    "derûnî",
                    "xaniyê xwe",
                ),
            },
        ),
        Service(
            id="asd_familien",
            names={
                "de": "Allgemeiner Sozialer Dienst für Familien",
                "en": "General social service for families",
                "ar": "الخدمة الاجتماعية العامة للعائلات",
                "ku": "Xizmeta Civakî ya Giştî ji bo malbatan",
            },
            descriptions={
                "de": (
                    "Beratung und Unterstützung von Eltern in Erziehungsfragen, Hilfen zur Erziehung (z. B. "
                    "sozialpädagogische Familienhilfe), Hilfe bei Konflikten, Trennung und Umgang, Kinderschutz bei "
                    "Anhaltspunkten für eine Gefährdung."
                ),
                "en": (
                    "Advice and support for parents on bringing up children, parenting support (e.g. family "
                    "assistance at home), help with conflicts, separation and contact arrangements, child protection "
                    "when there are signs of risk."
                ),
                "ar": (
                    "استشارة الأهل ودعمهم في مسائل التربية، والمساعدة في التربية (مثل مساعدة العائلة في المنزل)، "
                    "والمساعدة في النزاعات والانفصال وتنظيم رؤية الأطفال، وحماية الطفل عند وجود مؤشرات على خطر."
                ),
                "ku": (
                    "Şêwirmendî û piştgirî ji dêûbavan re di pirsên perwerdekirina zarokan de, alîkariya "
                    "perwerdekirinê (wek alîkariya malbatê li malê), alîkarî di nakokî, veqetîn û dîtina zarokan de, "
                    "parastina zarokan dema ku nîşanên xetereyê hebin."
                ),
            },
            languages=("de", "en", "ar", "ku", "ru"),
            eligibility={
                "de": (
                    "Eltern, Kinder und Jugendliche mit Wohnsitz im Burgenlandkreis – unabhängig von "
                    "Staatsangehörigkeit und Aufenthaltsstatus."
                ),
                "en": (
                    "Parents, children and young people living in the Burgenlandkreis – regardless of nationality and "
                    "residence status."
                ),
                "ar": "الأهل والأطفال واليافعون المقيمون في منطقة بورغنلاندكرايس – بغض النظر عن الجنسية ووضع الإقامة.",
                "ku": (
                    "Dêûbav, zarok û ciwanên li Burgenlandkreisê dijîn – bêyî ku hemwelatî an rewşa rûniştinê girîng "
                    "be."
                ),
            },
            required_documents={
                "de": (
                    "Ausweisdokument",
                    "Geburtsurkunden der Kinder",
                    "Schreiben von Schule, Kita oder Gericht, falls vorhanden",
                ),
                "en": (
                    "Identity document",
                    "Children's birth certificates",
                    "Letters from school, nursery or court, if any",
                ),
                "ar": ("وثيقة هوية", "شهادات ميلاد الأطفال", "رسائل من المدرسة أو الروضة أو المحكمة إن وجدت"),
                "ku": (
                    "Belgeya nasnameyê",
                    "Belgeyên jidayikbûnê yên zarokan",
                    "Nameyên ji dibistan, baxçeyê zarokan an dadgehê, heke hebin",
                ),
            },
            needs_fields=("family_name", "given_names", "address", "children"),
            keywords={
                "de": (
                    "Erziehung",
                    "Erziehungsberatung",
                    "Familienhilfe",
                    "Streit in der Familie",
                    "Trennung",
                    "Scheidung",
                    "Umgang",
                    "Sorgerecht",
                    "Kind hört nicht",
                    "Pubertät",
                    "Gewalt",
                    "Kinderschutz",
                    "überfordert",
                    "Jugendamt",
                ),
                "en": (
                    "parenting",
                    "parenting advice",
                    "family support",
                    "family conflict",
                    "separation",
                    "divorce",
                    "contact with my child",
                    "custody",
                    "child does not listen",
                    "teenager problems",
                    "violence",
                    "child protection",
                    "overwhelmed",
                    "youth office",
                ),
                "ar": (
                    "تربية",
                    "تربية الأولاد",
                    "مساعدة العائلة",
                    "مشاكل عائلية",
                    "خلافات بالبيت",
                    "انفصال",
                    "طلاق",
                    "حضانة",
                    "رؤية الأولاد",
                    "الولد ما بيسمع الكلام",
                    "مراهقة",
                    "عنف",
                    "حماية الطفل",
                    "اليوغند أمت",
                ),
                "ku": (
                    "perwerdekirina zarokan",
                    "şêwirmendiya perwerdeyê",
                    "alîkariya malbatê",
                    "şerê malbatê",
                    "nakokî li malê",
                    "veqetîn",
                    "telaq",
                    "mafê xwedîkirinê",
                    "dîtina zarokan",
                    "zarok guh nade",
                    "ciwaniya zarokan",
                    "tundî",
                    "parastina zarokan",
                    "Jugendamt",
                ),
            },
        ),
    )


def declaration() -> Partner:
    return Partner(
        id="jugendamt",
        kind=PartnerKind.INTERNAL,
        names={
            "de": "Jugendamt Burgenlandkreis",
            "en": "Youth Welfare Office, Burgenlandkreis",
            "ar": "مكتب رعاية الشباب (يوغندامت) في منطقة بورغنلاندكرايس",
            "ku": "Daîreya Ciwanan (Jugendamt) a Burgenlandkreisê",
        },
        descriptions={
            "de": (
                "Das Jugendamt schützt Kinder und Jugendliche und unterstützt Familien: vorläufige Inobhutnahme und "
                "Inobhutnahme unbegleiteter Minderjähriger, Vormundschaften und Hilfen zur Erziehung durch den "
                "Allgemeinen Sozialen Dienst. Im Notfall ist der Bereitschaftsdienst rund um die Uhr erreichbar."
            ),
            "en": (
                "The youth welfare office protects children and young people and supports families: provisional and "
                "regular taking into care of unaccompanied minors, guardianships, and parenting support through the "
                "general social service. In an emergency the on-call service can be reached around the clock."
            ),
            "ar": (
                "يحمي مكتب رعاية الشباب الأطفال واليافعين ويدعم العائلات: الإيواء المؤقت والإيواء للقاصرين غير "
                "المصحوبين، والوصاية، والمساعدة في التربية عبر الخدمة الاجتماعية العامة. في حالات الطوارئ يمكن الوصول "
                "إلى خدمة المناوبة على مدار الساعة."
            ),
            "ku": (
                "Jugendamt zarok û ciwanan diparêze û piştgiriya malbatan dike: girtina di bin parastinê de ya demkî "
                "û asayî ji bo ciwanên bê serpereşt, serpereştî (Vormundschaft), û alîkariya perwerdekirina zarokan "
                "bi rêya Xizmeta Civakî ya Giştî. Di rewşa acîl de xizmeta nobetê 24 saetan amade ye."
            ),
        },
        contact=Contact(
            email="jugendamt@burgenlandkreis.example",
            phone="03445 0000-300",
            website="https://www.burgenlandkreis.example/jugendamt",
        ),
        locations=(
            Location(
                name="Jugendamt, Allgemeiner Sozialer Dienst und Amtsvormundschaft",
                address="Lindenring 177, 06618 Naumburg (Saale)",
                rooms=("E.08", "E.12", "1.02", "1.09", "2.15"),
            ),
            Location(
                name="Jugendamt, Außenstelle Weißenfels",
                address="Am Stadtpark 299, 06667 Weißenfels",
                rooms=("1.04",),
            ),
        ),
        opening_hours=(
            OpeningHours(weekday=1, opens="09:00", closes="12:00"),
            OpeningHours(weekday=1, opens="13:00", closes="18:00"),
            OpeningHours(weekday=3, opens="09:00", closes="12:00"),
            OpeningHours(weekday=3, opens="13:00", closes="16:00"),
            OpeningHours(weekday=4, opens="09:00", closes="12:00"),
        ),
        services=_services(),
        grants=_field_grants(),
    )
