#!/usr/bin/env python3
# make-triage.py -- DEVELOPMENT TOOL. Running it REWRITES the whole triage set
# in this directory (NNN.eml and labels.tsv). Tests read only the .eml files and
# labels.tsv, never this script. Deterministic: same output on every run.
# All mail texts are invented; none are copied from config/kb/examples.tsv.
import os, random, email.header, email.utils, datetime, base64

OUT = os.path.dirname(os.path.abspath(__file__))
R = random.Random(20261122)

DEFAULT = {}
# The default referrals per category come from the project's knowledge base.
TAX = os.path.join(OUT, '..', '..', '..', 'config', 'kb', 'categories.tsv')
for p in [TAX]:
    if os.path.exists(p):
        rows = [l for l in open(p, encoding='utf-8').read().splitlines() if l and not l.startswith('#')]
        for line in rows[1:]:
            f = line.split('\t')
            DEFAULT[f[0]] = [x for x in f[5].strip().split(';') if x]
        break

# ---------------------------------------------------------------- people
SURN = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤', '吉田', '山田',
        '佐々木', '松本', '井上', '木村', '林', '清水', '山崎', '森', '池田', '橋本', '阿部', '石川',
        '前田', '藤田', '小川', '岡田', '後藤', '長谷川', '村上', '近藤', '坂本', '遠藤', '青木', '西村']
GIVEN = ['一郎', '健太', '美紀', '裕子', '誠', '直樹', '恵子', '修', '明美', '隆', '由美', '大輔',
         '真理子', '浩', '智子', '和也', '久美子', '剛', '陽子', '翔']
COMP = ['株式会社{a}工務店', '有限会社{a}商事', '{a}税理士事務所', '株式会社{a}製作所', '{a}歯科医院',
        '合同会社{a}デザイン', '株式会社{a}印刷', '{a}行政書士事務所', '有限会社{a}精工', '株式会社{a}物産',
        '{a}不動産株式会社', 'カフェ{a}', '株式会社{a}運輸', '{a}社会保険労務士事務所', '株式会社{a}食品',
        '有限会社{a}電機', '{a}整骨院', '株式会社{a}設計', 'NPO法人{a}ネット', '株式会社{a}化成']
COMPA = ['あおば', 'さくら', '東和', '丸栄', '大和', 'ミナト', '三協', '北斗', 'ひかり', '日進', '昭和',
         'アルファ', '千代田', '光洋', '武蔵野', '隅田', '多摩', '富士見', 'みどり', '協和']
DOMAINS = ['example.co.jp', 'example.jp', 'example.ne.jp', 'example.com', 'example.or.jp']
ROMA = ['sato', 'suzuki', 'takahashi', 'tanaka', 'ito', 'watanabe', 'yamamoto', 'nakamura', 'kobayashi',
        'kato', 'yoshida', 'yamada', 'info', 'office', 'soumu', 'keiri', 'jimu', 'admin']
ADDR_TOKYO = ['東京都千代田区神田須田町1-2-3', '東京都大田区蒲田5-10-1 〇〇ビル3F', '東京都足立区千住2-4',
              '東京都八王子市明神町3-20-6', '東京都墨田区押上1-1-2', '東京都江東区亀戸6-31-1',
              '東京都世田谷区三軒茶屋2-11-22', '東京都府中市宮町1-40', '東京都板橋区大山町5-8',
              '東京都町田市原町田4-1-17', '東京都品川区大崎1-6-4 大崎ニューシティ2号館']
ADDR_OTHER = ['神奈川県川崎市中原区小杉町3-264', '埼玉県さいたま市大宮区桜木町1-7-5', '千葉県船橋市本町2-1-1',
              '大阪府大阪市北区梅田1-3-1', '愛知県名古屋市中区栄3-5-12', '福岡県福岡市博多区博多駅前2-1-1']


def person(i):
    s = SURN[i * 7 % len(SURN)]; g = GIVEN[i * 5 % len(GIVEN)]
    c = COMP[i * 3 % len(COMP)].format(a=COMPA[i * 11 % len(COMPA)])
    addr = '%s%d@%s' % (ROMA[i % len(ROMA)], i, DOMAINS[i % len(DOMAINS)])
    return s, g, c, addr

# ---------------------------------------------------------------- scenarios
# each: (subject, body, urgent, referrals or None for default)
# body may use {c} company, {s} surname, {n} a small number
S = {}
S['incident.general'] = [
    ('至急 社内PCの異常について', '今朝出社したら事務所のパソコン{n}台すべてで画面が真っ黒になったまま動きません。サーバーにもつながらず業務が完全に止まっています。何が起きたのか分からず、どこに連絡すればいいのかも分かりません。', 'yes', None),
    ('相談です', 'プロバイダから「御社の回線から大量の不審な通信が出ている」と電話がありました。今も続いているそうです。社内に詳しい人間がおらず、何をどう調べればいいのか見当がつきません。', 'yes', None),
    ('おかしなことが続いています', '先週からプリンタが勝手に印刷を始めたり、共有フォルダのファイル名が変わっていたり、妙なことが続いています。ウイルスなのか誰かのいたずらなのか分かりませんが、今日は会計ソフトも起動しなくなりました。', 'yes', None),
    ('システム障害？攻撃？', '保守業者から「何らかの攻撃を受けた形跡がある」とだけ言われて、その後連絡がつきません。受注システムが止まったままで、お客様からの注文を受けられない状態です。', 'yes', None),
]
S['spam']= [
    ('うちのドメインで迷惑メールが出ている?', 'お客様から、うちのドメインのアドレスで「請求書の確認」というメールが届いたと問い合わせが続いています。送信元は海外のサーバーのようです。SPFとかいうのを設定すればいいと聞きましたが、何のことか分かりません。', 'no', None),
    ('迷惑メールが止まりません', '会社の代表アドレスに毎日{n}00通以上、英語や中国語の広告メールが届きます。フィルタを設定しても次々に差出人が変わるので追いつきません。どこかに申告できる窓口はありますか。', 'no', None),
    ('当社を名乗るメールについて', '取引先から「御社のアドレスから変な英語のメールが来た」と言われました。送信履歴には何も残っていません。差出人を偽装されているのだと思いますが、こちらで何か対策できることはあるでしょうか。', 'no', None),
    ('FAXの広告がひどい', '夜中に投資話や健康食品の広告FAXが毎晩のように届き、用紙とトナーの無駄です。送信元の番号に電話してもつながりません。止める方法はないでしょうか。', 'no', None),
    ('宅配業者を名乗るメール', '「お荷物の配達に失敗しました」というメールが社員のところに何通も来ています。リンク先は偽のログイン画面のようです。クリックした者はいないと思いますが、報告先があれば教えてください。', 'no', ['ipa_anshin', 'dekyo', 'antiphishing']),
    ('メルマガ解除できない', '登録した覚えのない通販のメールマガジンが毎日届きます。配信停止のリンクを押したら逆に数が増えました。', 'no', None),
]
S['targeted_attack'] = [
    ('取引先を装ったメールの添付を開いてしまいました', '昨日、いつもの取引先の担当者名で「見積書の件」というメールが届き、添付のZIPを開いてしまいました。中身は空でした。今日になって同じ取引先に確認したところ送っていないと言われました。会社の図面データが入っているPCです。', 'yes', None),
    ('標的型メールでしょうか', '採用担当あてに履歴書と称するファイル付きのメールが{n}通届きました。どれもパスワード付きZIPで、本文の日本語が少し不自然です。まだ誰も開いていません。このようなメールはどこに届け出ればよいでしょうか。', 'no', None),
    ('情報が外に出ている気がします', '設計中の製品の情報が、なぜか競合他社に知られていたようです。数か月前に開発担当が不審な添付ファイルを開いたことがあり、それ以降PCの動作が重いと言っていました。外部に送信されていたのか調べる方法はありますか。', 'yes', None),
]
S['bec'] = [
    ('【緊急】送金してしまいました', 'CEOからと思って海外子会社宛てに{n}万ドルを送金しました。後から社長に確認したら、そんな指示はしていないと。メールアドレスはドメインの綴りが一文字ちがってました。銀行にはさっき電話しました、組戻しできるかわからないそうです。', 'yes', ['local_police', 'ipa_anshin', 'antiphishing', 'houterasu', 'bank_card']),
    ('取引先のメールが乗っ取られていたようです', '当社が請求書を送った取引先から「御社の新しい口座に振り込みました」と連絡があったのですが、当社は口座を変えていません。当社のメールアカウントが盗み見られていたのかもしれません。取引先は{n}00万円を振り込んだそうです。', 'yes', None),
    ('振込先変更の依頼に応じてしまいました', '海外の仕入先から「口座が変わった」とメールがあり、先週{n}00万円を新しい口座に振り込みました。本日、仕入先から未入金の連絡があり、メールは偽物だったことが分かりました。どうすればお金は戻りますか。', 'yes', None),
    ('社長を名乗るメール', '経理の者に社長の名前で「至急、極秘の案件で送金が必要。ほかの者には言わないように」というメールが来ました。差出人アドレスは社長のものと1文字違いでした。振込はしていません。', 'no', ['ipa_anshin', 'antiphishing']),
    ('請求書の口座が変わっていた', 'いつもの外注先から来た請求書PDFの振込先がいつもと違う銀行になっていました。電話で確認すると外注先は変更していないとのこと。メールのやりとりが途中から乗っ取られていたようです。幸い支払い前でした。', 'no', ['ipa_anshin', 'antiphishing']),
    ('お金をだまし取られました', '取引先とのメールの途中に偽の担当者が入り込み、請求書の差し替えに気付かず{n}80万円を振り込んでしまいました。銀行には連絡しましたが、警察にはまだ行っていません。相手方との間で責任がどうなるのかも心配です。', 'yes', ['local_police', 'ipa_anshin', 'antiphishing', 'houterasu', 'bank_card']),
]
S['malware.virus'] = [
    ('添付ファイルを開いたら', '「請求書在中」というメールの添付Wordを開いて「コンテンツの有効化」を押してしまいました。そのあと何も起きませんが、念のためLANは抜いてあります。', 'yes', None),
    ('ウイルスに感染したかもしれません', 'ウイルス対策ソフトが「脅威を検出しました」と何度も表示します。駆除したと出るのに、再起動するとまた同じ表示が出ます。このまま使い続けて大丈夫でしょうか。', 'yes', None),
    ('USBメモリからのウイルス', 'お客様から預かったUSBメモリを事務所のPCに差したところ、対策ソフトが反応しました。すでに何台かのPCに同じUSBを差してしまっています。', 'yes', None),
    ('Emotetの感染について', '知らない間に当社のアドレスから取引先に返信の形をとったメールがばらまかれていると連絡がありました。Emotetではないかと言われています。感染しているPCの見つけ方と、取引先への説明の仕方を教えてください。', 'yes', None),
    ('無料の対策ソフトで足りますか', '従業員{n}名の事務所です。いまは無料のウイルス対策ソフトを入れていますが、有料のものに変えたほうがいいのでしょうか。特に被害はありません。', 'no', ['ipa_anshin']),
    ('PCの動きが重い', '一週間ほど前から一台のパソコンだけファンがずっと回っていて、動作が非常に遅いです。タスクマネージャーを見ると知らない名前のプログラムが動いています。ウイルスでしょうか。', 'yes', None),
]
S['malware.ransomware'] = [
    ('業務停止中', '共有サーバ暗号化。脅迫文あり。全員手作業で対応中。警察に行くべきか、誰に頼めば復旧できるのか。', 'yes', None),
    ('電子カルテが使えません', '当院の電子カルテのサーバーが夜間にランサムウェアに感染したようで、受付ができず今日は診療を縮小しています。業者はVPN装置から入られたのではと言っています。', 'yes', None),
    ('ファイルが開けません（至急）', 'サーバーの中のファイルが全部、拡張子が変わって開けなくなりました。デスクトップに英語の文書があり、ビットコインで支払えば復号すると書いてあります。お客様の台帳もすべてそこに入っています。払うべきでしょうか。', 'yes', None),
    ('身代金要求の画面が出ています', '朝、経理のPCを起動すると赤い画面に「Your files are encrypted」と表示されていました。NASのバックアップも同じように暗号化されています。今は全部のLANケーブルを抜いてあります。', 'yes', None),
    ('ランサムウェアの備え', '同業者がランサムウェアの被害にあって一か月仕事ができなかったと聞きました。うちも同じことになったらと思うと不安です。今のうちに何をしておけばいいでしょうか。', 'no', ['ipa_anshin']),
    ('暗号化されたうえに脅迫', 'ファイルを暗号化されたうえに、「払わなければ盗んだ顧客情報を公開する」というメールまで届きました。期限は{n}日後と書いてあります。', 'yes', ['ipa_anshin', 'local_police', 'ppc']),
]
S['malware.adware'] = [
    ('警告画面が消えません', 'インターネットを見ていたら突然「ウイルスに感染しています」と警告音が鳴って、サポートセンターの電話番号が出ました。画面が閉じられなくなっています。電話はしていません。', 'no', ['ipa_anshin']),
    ('偽のサポートに電話してしまいました', '警告画面に出た番号に電話したら、片言の日本語の男性に遠隔操作ソフトを入れるよう言われ、従いました。そのあとサポート料としてコンビニで電子マネー{n}万円分を買って番号を伝えてしまいました。', 'yes', None),
    ('ブラウザに広告が勝手に出る', 'フリーソフトをインストールしてから、ブラウザのトップページが変わり、右下に広告がずっと出るようになりました。消し方を教えてください。', 'no', ['ipa_anshin']),
    ('遠隔操作されたあとカードで支払い', '「PCが壊れる」という表示を信じて電話し、言われるままクレジットカードで{n}9,800円を支払いました。遠隔操作ソフトはまだ入ったままです。', 'yes', ['ipa_anshin', 'local_police', 'bank_card']),
]
S['phishing.fake_ec_site'] = [
    ('当店の偽サイトがあります', '当店のオンラインショップとそっくりなサイトが見つかりました。ロゴや商品写真がそのまま使われ、値段だけ半額になっています。お客様から「代金を払ったのに届かない」と当店に苦情が来ています。', 'yes', None),
    ('ショップのなりすまし', '自社商品の名前で検索すると、うちの会社名を名乗る知らない通販サイトが上位に出てきます。会社概要のページにはうちの住所と代表者名が載っています。どうやって削除してもらえばよいですか。', 'no', None),
    ('コピーサイトについて', '店の写真と文章を丸ごと使った偽の通販サイトが見つかりました。ドメインは海外です。今のところ被害の連絡はありませんが、お客様に迷惑がかかる前に手を打ちたいです。', 'no', None),
]
S['phishing.fake_site_user'] = [
    ('通販サイトで代金を払ったのに', 'ネットで業務用のプリンタが格安で売られていたので購入し、{n}万円を個人名義の口座に振り込みました。その後一切連絡がつきません。サイトも消えてしまいました。', 'yes', None),
    ('身に覚えのない請求', '会社の携帯に「有料サイトの未納料金があります。本日中に連絡がない場合は法的手続きに移ります」というSMSが来ました。利用した覚えはありません。連絡したほうがいいのでしょうか。', 'no', ['consumer_hotline', 'local_police_safety', 'antiphishing']),
    ('架空請求のハガキ', '事務所あてに「民事訴訟最終告知」というハガキが届きました。書いてある番号に電話すると示談金を払えば取り下げると言われました。まだ払っていません。', 'no', ['consumer_hotline', 'local_police_safety']),
]
S['phishing.account_fraud'] = [
    ('カードが不正利用されました', '会社のクレジットカードの明細に、使った覚えのない海外サイトでの決済が{n}件ありました。先日、カード会社を名乗るメールからカード番号を入力したことがあります。', 'yes', None),
    ('偽の銀行サイトに入力してしまった', '銀行から「取引が制限されています」というSMSが来て、リンク先で口座番号と暗証番号を入れてしまいました。あとで偽物と気付きました。まだ引き出されてはいないようです。', 'yes', None),
    ('通販アカウントで勝手に買い物', '会社で使っている通販サイトのアカウントで、誰も注文していない商品が登録カードで購入されていました。パスワードは変更しました。', 'yes', None),
]
S['web_data_theft'] = [
    ('顧客情報が流出したかもしれません', '当社のネットショップでカード決済をしたお客様から、カードが不正利用されたという連絡が続けて{n}件ありました。決済画面が改ざんされていた可能性があるとカード会社から言われました。', 'yes', None),
    ('会員データベースへの侵入', '会員サイトのサーバーに海外から不審なアクセスがあり、会員約{n}000名分のメールアドレスとパスワードが抜き取られたかもしれないと制作会社から報告がありました。', 'yes', ['ipa_anshin', 'local_police', 'ppc']),
    ('予約フォームからの漏えい', '予約フォームのデータが外部から誰でも見られる状態になっていたとお客様に指摘されました。いつからかは分かりません。名前と電話番号が含まれています。', 'yes', None),
]
S['dos'] = [
    ('サイトが見られません', '昨夜から当社の予約サイトにアクセスが集中し、まったく表示されなくなりました。サーバー会社によれば海外から大量のアクセスが来ているとのことです。', 'yes', None),
    ('攻撃するという脅迫メール', '「ビットコインを送らなければ御社のサイトを停止させる」という英語のメールが届きました。試しにということで昨日1時間ほどサイトが落ちました。', 'yes', ['ipa_anshin', 'provider', 'local_police']),
    ('DDoS対策について', 'セール期間中にアクセス集中や攻撃でサイトが止まるのが心配です。小さい会社でもできるDDoS対策はありますか。', 'no', None),
]
S['insider'] = [
    ('退職者が顧客名簿を持ち出した', '先月辞めた営業社員が、当社の顧客にそっくり同じ案内を送っているようです。顧客名簿をUSBで持ち出していたのではないかと思います。', 'yes', None),
    ('元社員がまだログインしている', '半年前に退職した社員のIDでクラウドの会計サービスに今もログインがあることに気付きました。削除し忘れていました。', 'yes', ['ipa_anshin', 'local_police_safety', 'local_police']),
    ('社員による不正の防止', '社員が増えてきたので、データを勝手に持ち出されないようにしたいです。どんなルールや仕組みがあればいいでしょうか。', 'no', ['ipa_anshin']),
]
S['defacement'] = [
    ('サイトからウイルス？', '取引先から「御社のサイトを開いたらウイルス対策ソフトが警告を出した」と電話がありました。サイトの管理は5年前に作ってもらった個人の方に任せていて、いまは連絡がとれません。', 'yes', None),
    ('ホームページが書き換えられています', '会社のホームページを開くと、トップに英語で意味の分からない文章と黒い画像が出ています。朝までは普通でした。制作会社とは契約が切れています。', 'yes', None),
    ('サイトを見ると別のサイトに飛ぶ', 'お客様から「御社のサイトを開くと怪しい懸賞サイトに飛ばされる」と連絡がありました。自分のPCで見ると普通に見えるのですが、スマホからだと飛ばされます。', 'yes', None),
    ('WordPressに変なページ', 'WordPressで作った店のサイトに、作った覚えのない薬の広告ページが何百ページも増えていました。', 'yes', None),
    ('検索結果がおかしい', 'Googleで会社名を検索すると、説明文が中国語の通販の文句になっています。サイトが改ざんされているのでしょうか。', 'yes', None),
]
S['net_banking'] = [
    ('法人口座から不正送金', '法人向けネットバンキングで、身に覚えのない振込が{n}件、計{n}00万円ほど実行されていました。ワンタイムパスワードも使っていたのに、なぜでしょうか。', 'yes', None),
    ('ネットバンキングの安全な使い方', 'これまで窓口で振込をしていましたが、ネットバンキングを使い始めることにしました。不正送金にあわないために注意すべきことを教えてください。', 'no', ['bank_card']),
    ('ログイン画面がいつもと違った', '銀行のサイトにログインしたら、いつもは出ない「乱数表の全部の数字を入力してください」という画面が出ました。途中まで入力してしまいました。', 'yes', None),
]
S['smartphone_app'] = [
    ('社用スマホに変なアプリ', '社員に貸与しているスマホに、入れた覚えのないアプリがあり、勝手にSMSを送信していたようです。料金明細にも見慣れない請求があります。', 'yes', None),
    ('私物スマホの業務利用', '社員の私物スマホで会社のメールを見られるようにしたいのですが、アプリ経由で情報が漏れないか心配です。どんな点に注意すればいいですか。', 'no', None),
    ('アプリを入れたら広告だらけ', '電池長持ちというアプリを社用のAndroidに入れたら、広告が全画面で出るようになり、連絡先へのアクセス許可まで求められました。', 'no', None),
]
S['one_click_fraud'] = [
    ('登録完了と表示されて料金を請求', '動画サイトを見ていたら突然「会員登録が完了しました。料金{n}9,000円を3日以内にお支払いください」と出て、端末の情報らしきものが表示されました。会社のPCです。', 'no', None),
    ('払ってしまいました', 'アダルトサイトの登録料の請求画面が消えず、怖くなって表示された番号に電話し、言われるまま{n}万円を振り込んでしまいました。さらに追加の請求をされています。', 'yes', ['ipa_anshin', 'local_police', 'consumer_hotline']),
    ('請求画面がデスクトップに貼り付いている', '従業員が昼休みにクリックしてしまい、それ以来「料金未納」の画面がデスクトップに表示され続けています。支払いはしていません。', 'no', None),
]
S['unauthorized_login'] = [
    ('ネットショップの管理画面に入れない', 'ネットショップの管理者パスワードが勝手に変えられていて、ログインできません。店長のメールには「パスワード変更完了」の通知が夜中の3時に届いていました。商品の価格が書き換えられていないか心配です。', 'yes', None),
    ('Microsoft 365 のアカウント', '社員の一人のMicrosoft 365から、大量の迷惑メールが外部に送信されていたと取引先から指摘がありました。メールのルールに見覚えのない転送設定が入っていました。', 'yes', None),
    ('知らない場所からログイン', 'メールサービスから「新しい端末からログインがありました」という通知が来ました。場所は海外です。その後パスワードが変えられて入れなくなりました。', 'yes', None),
    ('SNSアカウントが乗っ取られた', '店のInstagramアカウントが乗っ取られ、投資の勧誘の投稿が勝手にされています。フォロワーさんにもDMが送られているようです。', 'yes', None),
    ('ログイン失敗が大量に', 'レンタルサーバーの管理画面を見ると、夜中に数千回のログイン失敗の記録があります。パスワードリスト攻撃というものでしょうか。まだ入られてはいないと思います。', 'no', ['ipa_anshin', 'it_coordinator']),
    ('クラウドに不正アクセス', '共有しているクラウドストレージに、社員の誰も知らないIPアドレスからのアクセス履歴があり、いくつかのファイルがダウンロードされていました。', 'yes', None),
    ('ポートスキャンの通知', 'ルーターのログに外部からのスキャンのような記録が毎日たくさん残っています。放っておいても大丈夫なのでしょうか。', 'no', ['ipa_anshin', 'it_coordinator']),
]
S['vulnerability'] = [
    ('VPN機器の脆弱性', 'ニュースで当社が使っているVPN機器に脆弱性があると見ました。リース業者に聞いても分からないと言われました。何を確認すればいいですか。', 'no', None),
    ('古いWordPressのまま', '数年前に作ったホームページのWordPressやプラグインが一度も更新されていません。脆弱性が悪用されると聞いて心配になりました。', 'no', None),
    ('脆弱性を突かれたようです', 'サーバー会社から、当社が使っている問い合わせフォームのプログラムの脆弱性を悪用されて、スパムの送信に使われていると連絡がありました。サーバーは停止されています。', 'yes', ['ipa_anshin', 'ipa_report']),
]
S['defamation'] = [
    ('口コミサイトの書き込み', 'グルメサイトに、うちの店で食中毒になったという事実無根の口コミが書かれています。予約のキャンセルが相次いでいます。', 'yes', None),
    ('掲示板での中傷', '匿名掲示板に会社名と社長の実名を挙げて「詐欺会社」と書き込まれています。削除してもらうにはどうすればいいですか。', 'no', None),
    ('退職者によるSNS投稿', '元従業員と思われる人物がSNSで当社の悪口や社内の事情を繰り返し投稿しています。', 'no', None),
]
S['iot'] = [
    ('防犯カメラの映像が外から見られる', '事務所の防犯カメラの映像が海外のサイトで公開されていると知人に教えられました。初期パスワードのまま使っていました。', 'yes', None),
    ('複合機のセキュリティ', 'ネットにつながる複合機やネットワークカメラを導入します。設定で気を付けることはありますか。', 'no', None),
    ('ルーターが乗っ取られている？', 'ルーターの設定画面を見たら、知らない転送設定が追加されていました。ずっと初期パスワードでした。', 'yes', None),
]
S['morals_talent'] = [
    ('メールのCC漏れ', '社員がお客様{n}0名あての案内メールを、BCCではなくCCで送ってしまいました。全員のアドレスが互いに見える状態です。お詫びの仕方を教えてください。', 'yes', ['ipa_anshin', 'ppc']),
    ('アルバイトの高校生のSNS', 'アルバイトの高校生が店の厨房の写真をSNSに載せて炎上しかけています。本人にどう指導すればよいでしょうか。', 'no', None),
    ('セキュリティ担当がいない', '社員{n}名の会社で、パソコンに詳しい者が誰もいません。セキュリティの担当者をどうやって育てればいいのか、外部に頼むべきなのか悩んでいます。', 'no', ['ipa_anshin']),
]
S['crime_business'] = [
    ('DDoS代行の広告', '業界の掲示板で「競合のサイトを落とします」という代行サービスの広告を見かけました。こういうものは通報すべきでしょうか。', 'no', None),
    ('当社のデータが売られている', 'ダークウェブで当社の顧客データらしきものが販売されていると、セキュリティ会社から営業の電話がありました。本当かどうか確かめる方法はありますか。', 'yes', ['mpd_cyber', 'ipa_anshin']),
    ('アカウント売買の勧誘', '「法人名義のアカウントを高く買い取る」というDMが社員に来ています。犯罪に使われるのではないかと心配です。', 'no', None),
]
S['unclear'] = [
    ('これって大丈夫でしょうか', '最近、会社の電話に無言電話が何回かあり、同じ頃からパソコンの時計がずれるようになりました。関係があるのかどうか分かりません。', 'no', None),
    ('よく分からないのですが', 'パソコンの画面の端に知らないアイコンが出ています。何かは分かりません。セキュリティの問題なのかも分かりません。', 'no', None),
    ('変なメールが返ってきた', '送った覚えのないメールが「宛先不明」で戻ってきました。一通だけです。気にしなくていいものでしょうか。', 'no', None),
]
S['measures.general'] = [
    ('取引先のチェックシート', '大手の取引先からセキュリティのチェックシートが送られてきて、ほとんど「いいえ」になってしまいます。どこから手をつければ答えられるようになりますか。', 'no', None),
    ('何から始めればよいか', '従業員{n}名の小さな会社です。取引先からセキュリティ対策をしているかと聞かれ、何もしていないことに気付きました。まず何から始めればいいでしょうか。', 'no', None),
    ('対策の全体像を知りたい', '創業したばかりです。最低限やっておくべきセキュリティ対策を一覧で知りたいです。', 'no', None),
    ('SECURITY ACTIONについて', '補助金の申請でSECURITY ACTIONの宣言が必要と聞きました。実際にはどんな取り組みをすればいいのでしょうか。', 'no', None),
    ('予算が少なくてもできる対策', 'あまりお金をかけられませんが、それでもできる対策を教えてください。', 'no', None),
]
S['measures.organizational'] = [
    ('情報セキュリティ規程の作り方', '取引先の監査でセキュリティポリシーを出すよう求められました。ひな形のようなものはありますか。', 'no', None),
    ('社内ルールの決め方', 'USBメモリの持ち込みやパスワードの管理について社内ルールを作りたいのですが、どこまで決めればよいのか分かりません。', 'no', None),
    ('委託先の管理', '顧客データの入力を外部に委託しています。委託先のセキュリティをどう確認すればいいですか。', 'no', None),
]
S['measures.human'] = [
    ('社員教育の方法', '社員に怪しいメールを開かないよう何度言っても開いてしまいます。効果的な教育の方法はありますか。', 'no', None),
    ('標的型メール訓練', '訓練用の偽メールを社員に送ってみたいのですが、小さい会社でもできる方法はありますか。', 'no', None),
    ('新入社員向けの研修資料', '来月新入社員が{n}名入ります。セキュリティの基本を教える資料や動画があれば教えてください。', 'no', None),
]
S['measures.technical'] = [
    ('Wi-Fiの設定', '事務所のWi-Fiをお客様にも使ってもらっています。業務用のパソコンも同じWi-Fiです。分けたほうがいいのでしょうか。', 'no', None),
    ('UTMは必要ですか', '業者からUTMの導入を勧められています。月{n}万円のリースですが、本当に必要なのか判断がつきません。', 'no', None),
    ('バックアップの取り方', '今は外付けハードディスクに週1回コピーしているだけです。ランサムウェアにも耐えられるバックアップの方法を知りたいです。', 'no', None),
    ('Windows10のサポート終了', 'まだWindows10のパソコンが{n}台あります。更新しないまま使うとどんな危険があるのでしょうか。', 'no', None),
    ('テレワークの設定', '社員が自宅から社内のファイルを見られるようにしたいです。VPNとクラウド、どちらが安全でしょうか。', 'no', None),
    ('二要素認証', 'メールやクラウドに二要素認証を設定したほうがいいと聞きました。社員全員に設定させる方法を教えてください。', 'no', None),
]
S['measures.physical'] = [
    ('ノートPCの持ち出し', '営業がノートパソコンを外に持ち出すことが多く、紛失が心配です。どんな対策をすればいいですか。', 'no', None),
    ('事務所の入退室管理', '来客が多い事務所で、書類やパソコンが見える場所にあります。物理的な対策として何をすればよいでしょうか。', 'no', None),
    ('パソコンの廃棄', '古いパソコンを{n}台処分したいのですが、データを完全に消すにはどうすればいいですか。', 'no', None),
]
S['measures.emergency_prep'] = [
    ('インシデント対応の手順書', '何かあったときの連絡先や手順をまとめておきたいです。小さな会社向けのひな形はありますか。', 'no', None),
    ('BCPにサイバー攻撃を入れたい', '地震を想定したBCPはあるのですが、サイバー攻撃でシステムが止まった場合の計画がありません。', 'no', None),
    ('被害にあったときの連絡体制', 'もしウイルス感染などがあったら、誰がどこに連絡するかを決めておきたいです。参考になる資料を教えてください。', 'no', None),
]
S['access.general'] = [
    ('不正アクセスされたようです', '社内のファイルサーバーに、誰も作った覚えのないフォルダと管理者アカウントができていました。どこから入られたのか分かりません。', 'yes', None),
    ('外部から侵入されている', '夜間に誰もいないのに、社内のPCが遠隔で操作されている形跡があります。リモートデスクトップを開けたままにしていました。', 'yes', None),
    ('不正アクセスの届出', '先月不正アクセスの被害にあい、復旧は済みました。届出はどこにすればいいのでしょうか。', 'no', ['ipa_report', 'local_police']),
]
S['leak.general'] = [
    ('お客様情報を紛失しました', '社員が顧客{n}0名分の情報が入ったUSBメモリを電車内で紛失しました。暗号化はしていません。', 'yes', None),
    ('誤送信で情報漏えい', '顧客リストのExcelを、別の取引先にメールで誤って送ってしまいました。相手からの返事はまだありません。', 'yes', None),
    ('漏えいしたときの報告義務', '個人情報が漏れた場合、どこに報告しなければならないのか教えてください。今のところ事故はありません。', 'no', ['ppc']),
]
S['desk.about'] = [
    ('相談窓口について', 'こちらの窓口は個人事業主でも相談できますか。また、相談は無料でしょうか。', 'no', None),
    ('受付時間', '相談の受付時間と、対面での相談ができるかどうか教えてください。', 'no', None),
    ('都外の会社ですが', '本社は埼玉ですが、東京に営業所があります。こちらの窓口を利用できますか。', 'no', None),
]
S['desk.seminar'] = [
    ('セミナー講師のお願い', '商工会の会員向けに、{n}月にセキュリティのセミナーを開きたいと考えています。講師をお願いすることはできますか。参加予定は30名ほどです。', 'no', None),
    ('出張講座について', '組合の研修会で、標的型メールについて1時間ほどお話しいただける方を探しています。費用はかかりますか。', 'no', None),
    ('社内勉強会', '社内の勉強会にどなたか来ていただくことは可能でしょうか。オンラインでもかまいません。', 'no', None),
]
S['non_security.consumer'] = [
    ('ネット回線の解約', '光回線の勧誘電話で契約してしまいましたが、説明と料金が違います。解約したいのに違約金を請求されています。', 'no', None),
    ('リース契約のトラブル', '訪問販売でホームページ作成のリース契約をしましたが、サイトがいつまでたってもできません。', 'no', None),
    ('通販の返品', '事務用品の通販で届いた商品が不良品なのに、返品に応じてもらえません。', 'no', None),
]
S['non_security.harassment'] = [
    ('元交際相手からの連絡', '店の従業員が元交際相手からSNSで執拗にメッセージを送られ、店の前にも来ています。', 'yes', None),
    ('嫌がらせの電話とメール', '同業者と思われる人物から毎日嫌がらせのメールと無言電話が来ます。', 'no', None),
    ('ネットストーカー', '社員の自宅の写真がSNSに投稿され、行動を監視されているようです。', 'yes', None),
]
S['non_security.human_rights'] = [
    ('差別的な書き込み', '従業員の出身地について差別的な書き込みがネットにされています。', 'no', None),
    ('外国人従業員への中傷', '外国人の従業員が国籍を理由にネットで中傷されています。本人がとても傷ついています。', 'no', None),
    ('顔写真の無断掲載', '社員の顔写真が本人の同意なく、侮辱的な文章とともに掲載されています。', 'no', None),
]
S['non_security.privacy'] = [
    ('個人情報の取扱い', '顧客から「自分の情報を消してほしい」と言われました。法律上どこまで対応が必要ですか。', 'no', None),
    ('名簿業者から電話', 'どこで手に入れたのか、名簿業者から営業の電話がかかってきます。当社の情報の入手先を知りたいです。', 'no', None),
    ('防犯カメラと個人情報', '店内の防犯カメラの映像をお客様に見せてほしいと言われました。個人情報として断ってよいのでしょうか。', 'no', None),
]
S['other'] = [
    ('会場の駐車場について', '来週の説明会に伺います。会場に駐車場はありますか。', 'no', None),
    ('【ご案内】複合機リースのお見積り無料', '法人様限定キャンペーンのご案内です。最新複合機を月額3,980円から導入いただけます。ご興味がございましたら本メールにご返信ください。', 'no', None),
    ('誤送信のお詫び', '先ほど別の会社様宛のメールを誤ってこちらにお送りしてしまいました。大変お手数ですが削除をお願いいたします。', 'no', None),
    ('求人について', 'こちらで相談員の募集はしていますか。', 'no', None),
]

# how many mails per category (consultations and follow-ups together)
COUNT = {c: 3 for c in S}
COUNT.update({'malware.virus': 10, 'malware.ransomware': 9, 'bec': 9, 'phishing.fake_ec_site': 5,
              'phishing.fake_site_user': 5, 'phishing.account_fraud': 5, 'unauthorized_login': 9,
              'spam': 9, 'defacement': 8, 'measures.general': 8, 'measures.technical': 8,
              'measures.organizational': 5, 'measures.human': 5, 'measures.physical': 4,
              'measures.emergency_prep': 4, 'incident.general': 5, 'targeted_attack': 4,
              'malware.adware': 5, 'web_data_theft': 4, 'dos': 4, 'net_banking': 4,
              'access.general': 4, 'leak.general': 4, 'one_click_fraud': 4, 'other': 4})

# ---------------------------------------------------------------- wrappers
OPEN_POLITE = ['いつもお世話になっております。\n{c}の{s}と申します。', '突然のご連絡失礼いたします。\n{c}で総務を担当しております{s}です。',
               '初めてご連絡いたします。{c}の{s}です。', 'お世話になります。{c} {s}でございます。',
               '東京都中小企業サイバーセキュリティ相談窓口 御中\n\n{c}の{s}と申します。']
CLOSE_POLITE = ['お忙しいところ恐縮ですが、ご教示いただけますと幸いです。\nよろしくお願いいたします。',
                '何卒よろしくお願い申し上げます。', 'どのように対応すればよいか、アドバイスをお願いいたします。',
                'ご回答をお待ちしております。', 'お手数ですがご確認のほどよろしくお願いいたします。']
OPEN_PANIC = ['助けてください！！', '至急お願いします', '急ぎです。', 'すみません、急ぎで相談させてください。']
CLOSE_PANIC = ['どうしたらいいですか。すぐに電話ください。', '今日中に連絡もらえませんか　携帯 090-{n}234-5678', 'お願いします！！', '本当に困っています。']
OPEN_BLUNT = ['', '{s}です。', '質問です。']
CLOSE_BLUNT = ['', '以上。', 'どうすれば？', '回答ください。']
RAMBLE_MID = ['うちは祖父の代からやっている小さな会社で、パソコンのことは娘に任せきりだったのですが、その娘が今は産休中でして、私が代わりに見ているような状態です。',
              '先日も商工会の集まりでこういう話が出まして、他人事ではないなと思っていたところでした。',
              '実は去年も似たようなことがあって、そのときは保守の業者さんに来てもらったのですが、その業者さんも今は廃業してしまいました。',
              'ほかにも気になることは色々あるのですが、まずはこの件だけでもと思いまして。',
              '長々とすみません、何を書けばいいのか分からずとりとめのない文になってしまいました。']
TYPO = [('ください', 'くだしあ'), ('ウイルス', 'ウィルス'), ('パソコン', 'パソコソ'), ('お願いします', 'おねがいしまs'),
        ('メール', 'メーる'), ('ありません', 'ありませn')]
SIG = ['--\n{c}\n{s} {g}\nTEL 03-{n}{n}12-34{n}8 / FAX 03-{n}{n}12-34{n}9\n{addr}',
       '━━━━━━━━━━━━━━━━\n{c}\n総務部　{s}{g}\nMail: {mail}\n━━━━━━━━━━━━━━━━',
       '{c}\n代表 {s}',
       '********************\n {s} {g}\n {c}\n********************',
       '{s}（{c}）\n携帯 080-{n}{n}{n}1-2222']


def apply_typos(t, rnd):
    for a, b in rnd.sample(TYPO, 2):
        if a in t:
            t = t.replace(a, b, 1)
    return t


def wrap(body, style, ctx, rnd):
    f = lambda x: x.format(**ctx)
    if style == 'polite':
        parts = [f(rnd.choice(OPEN_POLITE)), body, f(rnd.choice(CLOSE_POLITE))]
    elif style == 'panic':
        parts = [f(rnd.choice(OPEN_PANIC)), body.replace('。', '！', 1), f(rnd.choice(CLOSE_PANIC))]
    elif style == 'blunt':
        # keep every fact of the body (labels depend on them); only the courtesy goes
        parts = [f(rnd.choice(OPEN_BLUNT)), body.replace('でしょうか。', 'か？').replace('ください。', 'ください'), f(rnd.choice(CLOSE_BLUNT))]
    elif style == 'ramble':
        parts = [f(rnd.choice(OPEN_POLITE)), rnd.choice(RAMBLE_MID), body, rnd.choice(RAMBLE_MID), f(rnd.choice(CLOSE_POLITE))]
    elif style == 'typo':
        parts = [f(rnd.choice(OPEN_POLITE)), apply_typos(body, rnd), apply_typos(f(rnd.choice(CLOSE_POLITE)), rnd)]
    else:  # fax-like
        parts = ['FAXでも送りましたが念のためメールでもお送りします。', f('{c} {s}'), body, 'よろしくお願いします。']
    txt = '\n\n'.join(p for p in parts if p)
    if style != 'blunt' and rnd.random() < 0.6:
        txt += '\n\n' + f(rnd.choice(SIG))
    return txt

# two-topic mails: main topic first, a side remark added
SIDE = ['\n\nあと、ついでで恐縮ですが、ガイドブックがあれば1冊いただけますか。',
        '\n\nそれから別件ですが、社員向けのセミナーもやっていただけるのでしょうか。',
        '\n\nなお、最近迷惑メールも増えていて困っています。',
        '\n\nちなみに、御窓口は土曜日も開いていますか。']

# ---------------------------------------------------------------- material requests
QTY = [('5冊', 5), ('３０部', 30), ('五十冊', 50), ('100部程度', 100), ('1箱', None), ('10冊', 10), ('２冊', 2),
       ('20部', 20), ('15冊ほど', 15), ('三冊', 3), ('200部', 200), ('80冊', 80), (None, None), ('一冊', 1)]
MR = [
    ('ガイドブック送付のお願い', '貴窓口で配布されている「中小企業向けサイバーセキュリティ対策の極意」を{q}送っていただけないでしょうか。社内で回覧して勉強に使いたいと思います。\n送付先：{addr}\n{c} {s}'),
    ('資料請求', 'セキュリティのガイドブックを{q}希望します。\n〒 {addr}\n{c}\n担当 {s}'),
    ('冊子の件', '先日のセミナーでいただいた冊子がとても分かりやすかったので、従業員分として{q}いただけますか。送り先は{addr}です。'),
    ('ガイドブックについて', '組合の会員企業に配りたいので、ガイドブックを{q}お願いできますか。{addr}の事務局までお送りください。'),
    ('極意の送付依頼', '取引先から紹介されました。「対策の極意」を{q}ほしいです。住所 {addr}'),
]
MR_NOQTY = [
    ('ガイドブックがほしい', 'サイバーセキュリティのガイドブックを送っていただきたいのですが、どうすればよいですか。{addr}の{c}です。'),
    ('資料のお願い', '御窓口の冊子をいただけますか。部数はまだ決まっていませんが、社員全員に配りたいと思っています。\n{c} {s}\n{addr}'),
]
MR_RESALE = '\n\nなお、当社はセミナー事業も行っておりまして、受講者向けに有料の教材セットに同封して販売できればと考えております。'
MR_RESALE2 = '\n\nいただいた冊子は、当社のITサポート契約のお客様にサービス品として配布する予定です（有償の保守契約のおまけとして）。'
MR_PICKUP = '\n\n近くに用事がありますので、窓口まで取りに伺うことも可能です。日時をご指定ください。'
MR_PICKUP2 = '\n\n急ぎですので、明日そちらに直接受け取りに行ってもいいですか。'

# ---------------------------------------------------------------- auto replies, bounces, followups
AUTO = [
    ('自動応答：不在のお知らせ', '誠に恐れ入りますが、{m}月{d}日から{m}月{d2}日まで休暇のため不在にしております。\n期間中にいただいたメールは、出社後に順次対応いたします。\nお急ぎの場合は総務部（03-1234-5678）までご連絡ください。\n\n{c} {s}'),
    ('【自動返信】お問い合わせありがとうございます', 'このメールは送信専用アドレスから自動で送信しています。\nお問い合わせを受け付けました。担当者より3営業日以内にご連絡いたします。\n\n{c} お客様窓口'),
    ('Out of Office: Re: ご相談の件', 'I am out of the office until {m}/{d2} with limited access to email.\n{m}月{d2}日まで出張のため不在です。返信が遅れますことご了承ください。\n\n{s}'),
    ('自動転送のお知らせ', '本メールアドレスは{m}月末をもって廃止いたしました。今後は新しいアドレスにお送りください。本メールは自動で送信されています。\n{c}'),
    ('年末年始休業のお知らせ（自動返信）', '誠に勝手ながら、12月28日から1月5日まで年末年始休業とさせていただきます。\nいただいたメールには1月6日以降に返信いたします。\n{c}'),
]
FOLLOW = [
    ('malware.virus', 'Re: ウイルスに感染したかもしれません', '先日はお電話でありがとうございました。教えていただいた手順でフルスキャンを行い、検出はなくなりました。念のため一台は初期化しました。お礼まで。', 'no', None),
    ('bec', 'Re: 振込先変更の依頼に応じてしまいました', 'ご助言いただいた通り、本日所轄の警察署に被害届を出してきました。銀行からは組戻しは難しいと言われています。取引先との話し合いについても、法テラスに相談してみます。', 'yes', None),
    ('malware.ransomware', 'Re: ファイルが開けません（至急）', '昨日ご相談した者です。その後、保守業者に来てもらいましたがバックアップも暗号化されていて復旧できないとのこと。警察への相談はまだです。もう一度状況をご相談させてください。', 'yes', None),
    ('unauthorized_login', 'Re: 知らない場所からログイン', '先日は有難うございました。パスワードを変更し、二要素認証も設定しました。その後、不審なログインはありません。ほかに確認することはありますか。', 'no', ['ipa_anshin', 'it_coordinator']),
    ('material_request', 'Re: ガイドブック送付のお願い', '本日ガイドブックが届きました。早速社内で回覧しております。ありがとうございました。', 'no', []),
    ('defacement', 'Re: ホームページが書き換えられています', 'お世話になっております。ご案内いただいた届出先に連絡しました。サイトは一時的に公開を止めています。改ざん箇所の調べ方についてもう少し教えていただけますか。', 'yes', None),
]


def hdr_encode(s, cs):
    return email.header.Header(s, cs).encode(linesep='\r\n')


def make_mail(idx, frm_name, frm_addr, subject, body, rnd, extra_headers=(), cs=None):
    if cs is None:
        cs = 'iso-2022-jp' if rnd.random() < 0.35 else 'utf-8'
    if cs == 'iso-2022-jp':
        try:
            body.encode('iso2022_jp'); subject.encode('iso2022_jp'); frm_name.encode('iso2022_jp')
        except UnicodeEncodeError:
            cs = 'utf-8'
    dt = datetime.datetime(2026, 4, 1, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=9))) + \
        datetime.timedelta(minutes=idx * 997 % 200000)
    h = []
    h.append('Return-Path: <%s>' % frm_addr)
    h.append('Received: from mail.%s (mail.%s [192.0.2.%d]) by mx.madoguchi.example with ESMTP id %04X; %s'
             % (frm_addr.split('@')[1], frm_addr.split('@')[1], idx % 250 + 1, idx * 7919 % 65536,
                email.utils.format_datetime(dt + datetime.timedelta(seconds=3))))
    h.append('From: %s <%s>' % (hdr_encode(frm_name, cs), frm_addr))
    h.append('To: soudan@madoguchi.example')
    h.append('Subject: %s' % hdr_encode(subject, cs))
    h.append('Date: %s' % email.utils.format_datetime(dt))
    h.append('Message-ID: <%s.%03d.%04x@%s>' % (dt.strftime('%Y%m%d%H%M%S'), idx, idx * 40503 % 65536, frm_addr.split('@')[1]))
    h.extend(extra_headers)
    h.append('MIME-Version: 1.0')
    body = body.replace('\r\n', '\n').strip('\n') + '\n'
    if cs == 'iso-2022-jp':
        h.append('Content-Type: text/plain; charset=ISO-2022-JP')
        h.append('Content-Transfer-Encoding: 7bit')
        raw = body.replace('\n', '\r\n').encode('iso2022_jp')
    elif rnd.random() < 0.5:
        h.append('Content-Type: text/plain; charset=UTF-8')
        h.append('Content-Transfer-Encoding: 8bit')
        raw = body.replace('\n', '\r\n').encode('utf-8')
    else:
        h.append('Content-Type: text/plain; charset="utf-8"')
        h.append('Content-Transfer-Encoding: base64')
        b = base64.encodebytes(body.replace('\n', '\r\n').encode('utf-8')).decode().replace('\n', '\r\n')
        raw = b.encode('ascii')
    return ('\r\n'.join(h) + '\r\n\r\n').encode('ascii') + raw


def main():
    rnd = R
    items = []  # (builder) -> (name, addr, subject, body, kind, cat, urgent, refs, copies, extra, cs)
    pi = 0
    styles = ['polite', 'blunt', 'panic', 'ramble', 'typo', 'fax', 'polite', 'polite']
    for cat in sorted(S):
        sc = S[cat]
        for k in range(COUNT[cat]):
            subj, body, urgent, refs = sc[k % len(sc)]
            pi += 1
            s, g, c, mail = person(pi)
            ctx = dict(c=c, s=s, g=g, n=str(2 + (pi % 7)), mail=mail, addr=ADDR_TOKYO[pi % len(ADDR_TOKYO)])
            b = body.format(**ctx)
            st = styles[(pi + k) % len(styles)]
            if urgent == 'no' and st == 'panic':
                st = 'polite'
            if k >= len(sc):
                # second use of a scenario: change the wording around it
                st = ['ramble', 'typo', 'blunt', 'fax'][k % 4]
            if cat == 'other':
                txt = b + '\n\n' + ctx['c']   # not a consultation: no courtesy wrapper
            else:
                txt = wrap(b, st, ctx, rnd)
            if k == 1 and cat not in ('other',) and pi % 3 == 0:
                txt += rnd.choice(SIDE)
            if k == 2 and pi % 4 == 0 and cat != 'other':
                # quoted history: previous message of the same sender
                txt += '\n\n' + '\n'.join('> ' + ln for ln in ('-----Original Message-----\nFrom: ' + s + '\n件名: 先日の件\n\n先日はありがとうございました。また何かあればご相談させてください。').split('\n'))
            subject = subj
            if st == 'panic' and not subject.startswith('【'):
                subject = '【至急】' + subject
            if st == 'blunt' and k % 2:
                subject = subject[:8]
            r = DEFAULT.get(cat, []) if refs is None else refs
            kind = 'consultation'
            if cat == 'other':
                kind = 'other'
            items.append((s + ' ' + g, mail, subject, txt, kind, cat, urgent, r, '-', []))
    # follow-ups
    for cat, subj, body, urgent, refs in FOLLOW:
        pi += 1
        s, g, c, mail = person(pi)
        ctx = dict(c=c, s=s, g=g, n='3', mail=mail, addr='')
        q = '\n'.join('> ' + ln for ln in '{}\n\n（ご相談内容）'.format(subj[4:]).split('\n'))
        txt = '%sの%sです。\n\n%s\n\n%s\n\n%s 様\n\n%s' % (c, s, body, '--\n' + c + ' ' + s, '窓口ご担当', '-----Original Message-----\n' + q)
        r = DEFAULT.get(cat, []) if refs is None else refs
        items.append((s + ' ' + g, mail, subj, txt, 'followup', cat, urgent, r, '-', ['In-Reply-To: <reply.%d@madoguchi.example>' % pi, 'References: <reply.%d@madoguchi.example>' % pi]))
    # material requests
    mr_list = []
    for j in range(13):
        qtxt, qn = QTY[j]
        pi += 1
        s, g, c, mail = person(pi)
        tokyo = j not in (3, 8, 11)
        addr = (ADDR_TOKYO if tokyo else ADDR_OTHER)[j % (len(ADDR_TOKYO) if tokyo else len(ADDR_OTHER))]
        if qtxt is None:
            subj, body = MR_NOQTY[j % 2]
            b = body.format(c=c, s=s, addr=addr)
        else:
            subj, body = MR[j % len(MR)]
            b = body.format(q=qtxt, c=c, s=s, addr=addr)
        if j in (2, 10):
            b += MR_RESALE if j == 2 else MR_RESALE2
        if j in (1, 7, 9):
            b += MR_PICKUP if j != 9 else MR_PICKUP2
        st = ['polite', 'blunt', 'fax', 'polite', 'typo'][j % 5]
        txt = wrap(b, st, dict(c=c, s=s, g=g, n='4', mail=mail, addr=addr), rnd)
        copies = str(qn) if qn is not None else '-'
        items.append((s + ' ' + g, mail, subj, txt, 'material_request', 'material_request', 'no', [], copies, []))
    # one extra: material request by e-application form style
    pi += 1
    s, g, c, mail = person(pi)
    form = ('東京都電子申請サービスより送信されました。\n\n申請名：中小企業サイバーセキュリティ対策相談\n'
            '事業者名：%s\n担当者名：%s %s\n所在地：%s\n相談区分：資料送付希望\n希望部数：8部\n'
            '内容：社内研修用にガイドブックをお願いします。FAXがないためこちらから申し込みます。\n') % (c, s, g, ADDR_TOKYO[3])
    items.append(('東京都電子申請', 'noreply@e-tokyo.example.jp', '【電子申請】中小企業サイバーセキュリティ対策相談 申請受付', form,
                  'material_request', 'material_request', 'no', [], '8', []))
    # auto replies
    for j, (subj, body) in enumerate(AUTO):
        pi += 1
        s, g, c, mail = person(pi)
        txt = body.format(m=str(3 + j), d=str(1 + j), d2=str(10 + j), c=c, s=s)
        ex = ['Auto-Submitted: auto-replied', 'X-Auto-Response-Suppress: All'] if j % 2 == 0 else ['Auto-Submitted: auto-generated', 'Precedence: auto_reply']
        if j == 2:
            ex.append('In-Reply-To: <answer.%d@madoguchi.example>' % pi)
        items.append((s + ' ' + g, mail, subj, txt, 'autoreply', 'other', 'no', [], '-', ex))
    # bounces
    for j in range(2):
        pi += 1
        txt = ('This is the mail system at host mail.example.ne.jp.\n\nI\'m sorry to have to inform you that your message could not\n'
               'be delivered to one or more recipients.\n\n<kaitou%d@example.co.jp>: host mx.example.co.jp said: 550 5.1.1 User unknown\n\n'
               '--- 以下、元のメッセージ ---\nSubject: ご相談への回答\n\nご相談いただいた件について回答いたします。\n') % j
        items.append(('メール配送システム', 'MAILER-DAEMON@example.ne.jp', '配信不能: ご相談への回答' if j else 'Undelivered Mail Returned to Sender', txt,
                      'bounce', 'other', 'no', [], '-', ['Auto-Submitted: auto-replied']))
    # stable shuffle so categories are interleaved
    order = list(range(len(items)))
    rnd.shuffle(order)
    for f in os.listdir(OUT):
        if f.endswith('.eml'):
            os.remove(os.path.join(OUT, f))
    rows = ['file\tkind\tcategory\turgent\treferrals\tcopies']
    for n, i in enumerate(order, 1):
        name, mail, subj, txt, kind, cat, urgent, refs, copies, extra = items[i]
        fn = '%03d.eml' % n
        cs = 'utf-8' if kind in ('bounce',) else None
        data = make_mail(n, name, mail, subj, txt, rnd, extra, cs)
        with open(os.path.join(OUT, fn), 'wb') as fh:
            fh.write(data)
        rows.append('\t'.join([fn, kind, cat, urgent, ';'.join(refs), copies]))
    with open(os.path.join(OUT, 'labels.tsv'), 'w', encoding='utf-8', newline='\n') as fh:
        fh.write('\n'.join(rows) + '\n')
    print(len(items), 'mails written')


if __name__ == '__main__':
    main()
