<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>Opening the database…</source>
        <translation>データベースを開いています…</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>データベースを開けません</translation>
    </message>
</context>
<context>
    <name>AssessmentView</name>
    <message>
        <source>&amp;Walkthrough</source>
        <translation>回答(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Results</source>
        <translation>結果(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>履歴(&amp;H)</translation>
    </message>
    <message>
        <source>Assessment pages</source>
        <translation>評価のページ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>回答率</translation>
    </message>
    <message>
        <source>&amp;Submit…</source>
        <translation>提出(&amp;S)…</translation>
    </message>
    <message>
        <source>Submit for approval</source>
        <translation>承認を依頼（提出）</translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation>承認(&amp;A)…</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>承認</translation>
    </message>
    <message>
        <source>Re&amp;open…</source>
        <translation>差し戻し(&amp;O)…</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>差し戻し</translation>
    </message>
    <message>
        <source>Questionnaire %1</source>
        <translation>質問票 %1</translation>
    </message>
    <message>
        <source>Approved by %1</source>
        <translation>承認者: %1</translation>
    </message>
    <message>
        <source>Answered %1 (%2/%3)</source>
        <translation>回答率 %1（%2/%3）</translation>
    </message>
    <message>
        <source>Submitted for approval.</source>
        <translation>承認を依頼しました（提出済み）。</translation>
    </message>
    <message>
        <source>%1 of %2 items are unanswered (answered %3). To submit now, give a reason; it is kept in the history and shown to the approver.</source>
        <translation>%2項目のうち%1項目が未回答です（回答率 %3）。このまま提出するには理由を入力してください。理由は履歴に残り、承認者に表示されます。</translation>
    </message>
    <message>
        <source>Reason for submitting with unanswered items</source>
        <translation>未回答のまま提出する理由</translation>
    </message>
    <message>
        <source>All items are answered. Submit for approval? The answers become read-only until reopened.</source>
        <translation>すべての項目に回答済みです。承認を依頼しますか？差し戻されるまで、回答は変更できなくなります。</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提出する</translation>
    </message>
    <message>
        <source>Cannot submit</source>
        <translation>提出できません</translation>
    </message>
    <message>
        <source>Name of the approver (e.g. the division director, 課長). It is recorded in the history:</source>
        <translation>承認者の氏名（例: 課長）。履歴に記録されます:</translation>
    </message>
    <message>
        <source>Approved.</source>
        <translation>承認しました。</translation>
    </message>
    <message>
        <source>Approver&apos;s name</source>
        <translation>承認者の氏名</translation>
    </message>
    <message>
        <source>Why is the assessment reopened? The reason is kept in the history. It becomes a draft again.</source>
        <translation>差し戻す理由を入力してください。理由は履歴に残ります。評価は下書きに戻ります。</translation>
    </message>
    <message>
        <source>Reopened as a draft.</source>
        <translation>下書きに差し戻しました。</translation>
    </message>
    <message>
        <source>Reason for reopening</source>
        <translation>差し戻しの理由</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>実行者</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>変更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>変更後</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>&amp;Cycle:</source>
        <translation>評価サイクル(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Units:</source>
        <translation>組織(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>状態(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Anonymise</source>
        <translation>匿名化(&amp;A)</translation>
    </message>
    <message>
        <source>Show units by stable aliases and hide groups resting on fewer than 3 teams</source>
        <translation>組織を固定の別名で表示し、3チーム未満で成り立つグループを隠す</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>再読み込み(&amp;R)</translation>
    </message>
    <message>
        <source>U&amp;nit:</source>
        <translation>組織(&amp;N):</translation>
    </message>
    <message>
        <source>Heat map</source>
        <translation>ヒートマップ</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>順位</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>分布</translation>
    </message>
    <message>
        <source>Weak items</source>
        <translation>弱い項目</translation>
    </message>
    <message>
        <source>Roll-up</source>
        <translation>集計（上位組織）</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>推移</translation>
    </message>
    <message>
        <source>Heat map of teams by policy and principle</source>
        <translation>方針・原則別のチームのヒートマップ</translation>
    </message>
    <message>
        <source>%1 provisional (coverage below 80%). Double-click or press Enter to open an assessment.</source>
        <translation>%1は暫定（回答率80%未満）。ダブルクリックまたはEnterキーで評価を開きます。</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>すべての組織</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>すべての状態</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>総合</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>水準</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>回答率</translation>
    </message>
    <message>
        <source>Cycle %1 · %2 assessment(s), %3 provisional</source>
        <translation>評価サイクル %1 · 評価 %2件（うち暫定 %3件）</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>順位</translation>
    </message>
    <message>
        <source>Policy or principle</source>
        <translation>方針・原則</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>中央値</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>最小</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>方針</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>質問</translation>
    </message>
    <message>
        <source>Mean level</source>
        <translation>平均水準</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>チーム数</translation>
    </message>
    <message>
        <source>A unit&apos;s score is the mean of the overall scores of the assessments in its subtree.</source>
        <translation>組織のスコアは、その配下にある評価の総合スコアの平均です。</translation>
    </message>
    <message>
        <source>%1 group(s) resting on fewer than %2 teams are hidden.</source>
        <translation>%2チーム未満で成り立つ%1グループを非表示にしています。</translation>
    </message>
    <message>
        <source>Distribution of the scores per policy and principle</source>
        <translation>方針・原則ごとのスコアの分布</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>評価サイクル</translation>
    </message>
</context>
<context>
    <name>ConflictChooser</name>
    <message>
        <source>Choose which version to keep</source>
        <translation>残す版の選択</translation>
    </message>
    <message>
        <source>%1 was changed on this computer and in the package %2 (revision %3) since the last exchange. Nothing has been overwritten. Compare the two versions and keep one; the other is recorded in the audit trail only.</source>
        <translation>%1 は、前回の受け渡しの後、このパソコンとパッケージ %2（改訂 %3）の両方で変更されています。まだ何も上書きしていません。二つの版を見比べて一方を残してください。もう一方は監査証跡にだけ記録されます。</translation>
    </message>
    <message>
        <source>It is approved on this computer, but the package holds a newer revision that is %1 (the sender reopened it). An approval is never replaced without your choice.</source>
        <translation>このパソコンでは承認済みですが、パッケージには「%1」の新しい改訂が入っています（送り主が差し戻しました）。承認は、あなたが選ばない限り置き換えられません。</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>このパソコン</translation>
    </message>
    <message>
        <source>In the package</source>
        <translation>パッケージ</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>相違点</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation>このパソコンの版を残す(&amp;M)</translation>
    </message>
    <message>
        <source>Keep the &amp;package&apos;s</source>
        <translation>パッケージの版を採用(&amp;P)</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>回答なし</translation>
    </message>
    <message>
        <source>N/A: %1</source>
        <translation>該当なし: %1</translation>
    </message>
    <message>
        <source>unanswered</source>
        <translation>未回答</translation>
    </message>
    <message>
        <source>level %1</source>
        <translation>水準 %1</translation>
    </message>
    <message>
        <source>target %1</source>
        <translation>目標 %1</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>予期しないエラー</translation>
    </message>
    <message>
        <source>Something went wrong. Your saved answers are safe.</source>
        <translation>問題が発生しました。保存済みの回答は失われていません。</translation>
    </message>
    <message>
        <source>The details were written to %1.</source>
        <translation>詳細を %1 に記録しました。</translation>
    </message>
    <message>
        <source>Error details</source>
        <translation>エラーの詳細</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>詳細をコピー(&amp;C)</translation>
    </message>
</context>
<context>
    <name>CycleDialog</name>
    <message>
        <source>Rename cycle</source>
        <translation>評価サイクル名の変更</translation>
    </message>
    <message>
        <source>New cycle</source>
        <translation>評価サイクルの作成</translation>
    </message>
    <message>
        <source>Cycle to rename</source>
        <translation>名前を変える評価サイクル</translation>
    </message>
    <message>
        <source>Cycle name</source>
        <translation>評価サイクル名</translation>
    </message>
    <message>
        <source>e.g. FY2026 or FY2026-H1</source>
        <translation>例: FY2026、FY2026-H1</translation>
    </message>
    <message>
        <source>Fiscal-year names (FY2026, FY2026-H1, FY2026-H2) get their dates, April to March.</source>
        <translation>年度の名前（FY2026、FY2026-H1、FY2026-H2）には、4月〜翌年3月の期間が自動で設定されます。</translation>
    </message>
    <message>
        <source>C&amp;ycle:</source>
        <translation>評価サイクル(&amp;Y):</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>名前を入力してください。</translation>
    </message>
    <message>
        <source>A cycle name cannot contain &apos;/&apos;.</source>
        <translation>評価サイクル名に「/」は使えません。</translation>
    </message>
    <message>
        <source>A cycle name has at most %1 characters.</source>
        <translation>評価サイクル名は%1文字以内です。</translation>
    </message>
    <message>
        <source>There is no cycle to rename yet.</source>
        <translation>名前を変える評価サイクルがまだありません。</translation>
    </message>
    <message>
        <source>A cycle with this name already exists.</source>
        <translation>同じ名前の評価サイクルがすでにあります。</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Problem with the input</source>
        <translation>入力の問題</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The assessment is locked</source>
        <extracomment>Tests set this to collect messages instead of opening modal dialogs.</extracomment>
        <translation>この評価は編集できません</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>ほかの人が変更しました</translation>
    </message>
    <message>
        <source>Not possible in this status</source>
        <translation>現在の状態ではできません</translation>
    </message>
    <message>
        <source>Please check the input</source>
        <translation>入力内容を確認してください</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>見つかりません</translation>
    </message>
    <message>
        <source>The database cannot be used</source>
        <translation>データベースを使用できません</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>この操作はできません</translation>
    </message>
    <message>
        <source>Submitted and approved assessments are read-only. Reopen it with a reason to change answers.</source>
        <translation>提出済み・承認済みの評価は読み取り専用です。回答を変更するには、理由を入力して差し戻してください。</translation>
    </message>
    <message>
        <source>Nothing was overwritten. The latest data has been loaded; check it and try again.</source>
        <translation>上書きはしていません。最新のデータを読み込みました。内容を確認して、もう一度操作してください。</translation>
    </message>
    <message>
        <source>Your saved answers are safe. Check that the database file or server is reachable and writable.</source>
        <translation>保存済みの回答は失われていません。データベースのファイルまたはサーバーに接続でき、書き込めるか確認してください。</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <source>Evidence (E):</source>
        <translation>根拠資料 (E):</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>根拠資料</translation>
    </message>
    <message>
        <source>Add note…</source>
        <translation>メモを追加…</translation>
    </message>
    <message>
        <source>Add a note as evidence</source>
        <translation>根拠資料としてメモを追加</translation>
    </message>
    <message>
        <source>Add link…</source>
        <translation>リンクを追加…</translation>
    </message>
    <message>
        <source>Add a link as evidence</source>
        <translation>根拠資料としてリンクを追加</translation>
    </message>
    <message>
        <source>Attach file…</source>
        <translation>ファイルを添付…</translation>
    </message>
    <message>
        <source>Attach a file as evidence</source>
        <translation>根拠資料としてファイルを添付</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <source>Open the attached file</source>
        <translation>添付ファイルを開く</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy the selected evidence</source>
        <translation>選択した根拠資料をコピー</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Remove the selected evidence</source>
        <translation>選択した根拠資料を削除</translation>
    </message>
    <message>
        <source>Evidence cannot be stored by this version of the database services.</source>
        <translation>このバージョンのデータベース機能では根拠資料を保存できません。</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>メモ: %1</translation>
    </message>
    <message>
        <source>Link: %1</source>
        <translation>リンク: %1</translation>
    </message>
    <message>
        <source>File: %1 (%2)</source>
        <translation>ファイル: %1（%2）</translation>
    </message>
    <message>
        <source>Added by %1 at %2</source>
        <translation>%1 が %2 に追加</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>メモを追加</translation>
    </message>
    <message>
        <source>What shows the level, e.g. a document name, a decision, a figure:</source>
        <translation>水準の根拠（文書名、決定事項、数値など）:</translation>
    </message>
    <message>
        <source>Evidence note</source>
        <translation>根拠のメモ</translation>
    </message>
    <message>
        <source>Add link</source>
        <translation>リンクを追加</translation>
    </message>
    <message>
        <source>Address of the document (an intranet link or a file share path). It is stored, not opened:</source>
        <translation>文書の所在（庁内ネットワークのリンクや共有フォルダのパス）。保存のみで、アプリからは開きません:</translation>
    </message>
    <message>
        <source>Evidence link</source>
        <translation>根拠のリンク</translation>
    </message>
    <message>
        <source>Copying %1 into the data folder…</source>
        <translation>%1 をデータフォルダにコピーしています…</translation>
    </message>
    <message>
        <source>File not found</source>
        <translation>ファイルが見つかりません</translation>
    </message>
    <message>
        <source>The stored copy is missing: %1</source>
        <translation>保存されたファイルがありません: %1</translation>
    </message>
</context>
<context>
    <name>ExchangeMenu</name>
    <message>
        <source>&amp;Import packages and answer files…</source>
        <translation>パッケージ・回答ファイルの取り込み(&amp;I)…</translation>
    </message>
    <message>
        <source>Export assessment &amp;package…</source>
        <translation>評価パッケージの書き出し(&amp;P)…</translation>
    </message>
    <message>
        <source>Open an assessment first.</source>
        <translation>先に評価を開いてください。</translation>
    </message>
    <message>
        <source>Export assessment package</source>
        <translation>評価パッケージの書き出し</translation>
    </message>
    <message>
        <source>Assessment packages (*.airpkg)</source>
        <translation>評価パッケージ (*.airpkg)</translation>
    </message>
    <message>
        <source>Package saved to %1, signed by key %2</source>
        <translation>パッケージを %1 に保存しました（署名鍵 %2）</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Export scorecard</source>
        <translation>スコアカードを出力</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDFファイル (*.pdf)</translation>
    </message>
    <message>
        <source>Collecting the answers…</source>
        <translation>回答を集計しています…</translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation>PDFを作成しています…</translation>
    </message>
    <message>
        <source>Cannot write the scorecard</source>
        <translation>スコアカードを保存できません</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Exporting the scorecard to %1…</source>
        <translation>スコアカードを %1 に出力しています…</translation>
    </message>
</context>
<context>
    <name>HeatMapModel</name>
    <message>
        <source>Provisional: coverage below 80%</source>
        <extracomment>The role the proxy sorts by: numbers for scores (unscored lowest), text for units. The assessment id of a heat-map row. Okabe-Ito colours with a line style each, for the trend chart&apos;s policy lines. No heat colour in a plain table cell (a score, or None, gets the heat map&apos;s colours). A plain table cell: (text, its score for the heat colour, or PLAIN).</extracomment>
        <translation>暫定: 回答率80%未満</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <source>Every change to this assessment, newest last. The history cannot be edited.</source>
        <translation>この評価のすべての変更（新しいものが下）。履歴は編集できません。</translation>
    </message>
    <message>
        <source>Audit history</source>
        <translation>変更履歴</translation>
    </message>
</context>
<context>
    <name>HowScoresDialog</name>
    <message>
        <source>How scores are computed</source>
        <translation>スコアの計算方法</translation>
    </message>
    <message>
        <source>%1 or more</source>
        <translation>%1以上</translation>
    </message>
    <message>
        <source>below %1</source>
        <translation>%1未満</translation>
    </message>
    <message>
        <source>%1 to below %2</source>
        <translation>%1以上%2未満</translation>
    </message>
    <message>
        <source>Every item is answered on the same scale from 0 to 5, or marked not applicable (N/A) with a reason:</source>
        <translation>各項目は共通の0〜5の尺度で回答します。該当しない項目は、理由を付けて「該当なし」にできます:</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>Item score = level × 20, so 0 to 100.</source>
        <translation>項目スコア = 水準 × 20（0〜100）。</translation>
    </message>
    <message>
        <source>N/A and unanswered items are left out of every average.</source>
        <translation>「該当なし」と未回答の項目は、どの平均にも含めません。</translation>
    </message>
    <message>
        <source>Policy score = Σ(weight × item score) ÷ Σ(weight) over the policy&apos;s scored items. A policy with no scored item has no score (not assessed).</source>
        <translation>方針スコア = その方針の採点対象項目について Σ(重み × 項目スコア) ÷ Σ(重み)。採点対象の項目がない方針はスコアなし（未評価）です。</translation>
    </message>
    <message>
        <source>Principle score = the same weighted mean over the items tagged with that principle; an item with two principles counts fully in both.</source>
        <translation>原則スコア = その原則が付いた項目について同じ加重平均。二つの原則が付いた項目は、両方に全量で算入します。</translation>
    </message>
    <message>
        <source>Overall score = the plain mean of the policy scores that exist: the four policies weigh the same.</source>
        <translation>総合スコア = スコアのある方針スコアの単純平均（4つの方針は同じ重み）。</translation>
    </message>
    <message>
        <source>Scores are shown to one decimal; levels are decided on the unrounded value.</source>
        <translation>スコアは小数第1位まで表示します。水準は丸める前の値で判定します。</translation>
    </message>
    <message>
        <source>Readiness level from the overall score</source>
        <translation>総合スコアによるレディネス水準</translation>
    </message>
    <message>
        <source>Coverage and provisional results</source>
        <translation>回答率と暫定の結果</translation>
    </message>
    <message>
        <source>Coverage = (answered items + N/A items) ÷ all items.</source>
        <translation>回答率 = (回答済み項目 + 該当なし項目) ÷ 全項目。</translation>
    </message>
    <message>
        <source>With coverage below %1 the result is provisional and marked as such wherever it appears.</source>
        <translation>回答率が%1未満の結果は「暫定」とし、表示するすべての場所でそのことを明示します。</translation>
    </message>
    <message>
        <source>Targets and recommendations</source>
        <translation>目標と改善の提案</translation>
    </message>
    <message>
        <source>An answer may carry a target level. Gap = max(0, target − level).</source>
        <translation>回答には目標水準を付けられます。差 = max(0, 目標 − 水準)。</translation>
    </message>
    <message>
        <source>Priority = gap × weight. Recommendations list items by priority; ties by policy order, then item id.</source>
        <translation>優先度 = 差 × 重み。提案は優先度の高い順に並べ、同じ場合は方針の順、次に項目番号の順とします。</translation>
    </message>
    <message>
        <source>The next step of a recommendation is the descriptor of the next level up.</source>
        <translation>提案の「次の一歩」は、一つ上の水準の記述です。</translation>
    </message>
    <message>
        <source>The target shape in the radar chart is the same weighted mean, taken over the targets.</source>
        <translation>レーダーチャートの目標の形は、目標水準について同じ加重平均をとったものです。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import</source>
        <translation>取り込み</translation>
    </message>
    <message>
        <source>Drop assessment packages (.airpkg), answers files (.json) or Excel answer sheets (.xlsx) here, or choose them with Add files. Each file is imported whole or not at all.</source>
        <translation>評価パッケージ（.airpkg）、回答ファイル（.json）、Excel回答シート（.xlsx）をここにドロップするか、「ファイルを追加」で選んでください。各ファイルはすべて取り込まれるか、何も取り込まれないかのどちらかです。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Imported files</source>
        <translation>取り込んだファイル</translation>
    </message>
    <message>
        <source>&amp;Add files…</source>
        <translation>ファイルを追加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Choose a version…</source>
        <translation>版を選ぶ(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Trust this key and import</source>
        <translation>この鍵を信頼して取り込む(&amp;T)</translation>
    </message>
    <message>
        <source>Do &amp;not import</source>
        <translation>取り込まない(&amp;N)</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>鍵のフィンガープリント</translation>
    </message>
    <message>
        <source>Packages, answers files and answer sheets (*.airpkg *.json *.xlsx);;All files (*)</source>
        <translation>パッケージ・回答ファイル・回答シート (*.airpkg *.json *.xlsx);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Waiting: signed by a key this computer does not know yet</source>
        <translation>確認待ち: このパソコンがまだ知らない鍵で署名されています</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>取り込みました</translation>
    </message>
    <message>
        <source>Updated to the newer revision</source>
        <translation>新しい改訂に更新しました</translation>
    </message>
    <message>
        <source>No change</source>
        <translation>変更なし</translation>
    </message>
    <message>
        <source>Conflict: changed here and in the package; choose a version</source>
        <translation>競合: このパソコンとパッケージの両方で変更されています。版を選んでください</translation>
    </message>
    <message>
        <source>Refused; nothing was imported</source>
        <translation>拒否しました。何も取り込んでいません</translation>
    </message>
    <message>
        <source>%1 (an assessment of %2) is signed by a key this computer does not know yet. Before trusting it, compare this fingerprint with the sender&apos;s, by phone or in person (their app shows it when they export a package, and ai-readiness keys list prints it). A trusted key is accepted from then on.</source>
        <translation>%1（%2 の評価）は、このパソコンがまだ知らない鍵で署名されています。信頼する前に、このフィンガープリントを送り主のものと電話や対面で照合してください（送り主のアプリはパッケージの書き出し時に表示し、ai-readiness keys list でも表示できます）。信頼した鍵は以後受け入れられます。</translation>
    </message>
    <message>
        <source>Not imported: the signer&apos;s key was not trusted.</source>
        <translation>取り込みませんでした: 署名者の鍵を信頼しなかったためです。</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <source>Not applicable… (N)</source>
        <extracomment>A comment is saved this long after the last keystroke (and at once on leaving the field).</extracomment>
        <translation>該当なし… (N)</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>該当なし</translation>
    </message>
    <message>
        <source>Clear answer</source>
        <translation>回答を消去</translation>
    </message>
    <message>
        <source>&amp;Target level:</source>
        <translation>目標水準(&amp;T):</translation>
    </message>
    <message>
        <source>Target level</source>
        <translation>目標水準</translation>
    </message>
    <message>
        <source>Mark for review (R)</source>
        <translation>要確認 (R)</translation>
    </message>
    <message>
        <source>Mark for review</source>
        <translation>要確認の印</translation>
    </message>
    <message>
        <source>&amp;Comment:</source>
        <translation>コメント(&amp;C):</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>コメント</translation>
    </message>
    <message>
        <source>What supports this level? Notes for the approver.</source>
        <translation>この水準と判断した根拠や、承認者へのメモ</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>質問</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>評価の手引き</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>出典</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— なし —</translation>
    </message>
    <message>
        <source>Item %1 · Policy %2 %3 · Principles %4 · Weight %5</source>
        <translation>項目 %1 · 方針%2 %3 · 原則 %4 · 重み %5</translation>
    </message>
    <message>
        <source>KPI hint</source>
        <translation>KPIの例</translation>
    </message>
    <message>
        <source>Press %1 to choose this level</source>
        <translation>%1キーでこの水準を選択</translation>
    </message>
    <message>
        <source>Not applicable: %1</source>
        <translation>該当なし: %1</translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <source>Cancel</source>
        <extracomment>Jobs whose outcome the UI thread has not handled yet (also what the leak check looks at). The progress dialog appears only if the work takes longer than this (no flicker).</extracomment>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>お待ちください</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進行状況</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>キャンセルしています…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>AI Readiness</source>
        <extracomment>The comparison view (issue #7) plugs in here: a module with ``CompareView(data, parent)``.</extracomment>
        <translation>AIレディネス</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>Assess&amp;ment</source>
        <translation>評価(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;New assessment…</source>
        <translation>新しい評価(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Export scorecard (PDF)…</source>
        <translation>スコアカードを出力 (PDF)(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Open the PDF when done</source>
        <translation>出力後にPDFを開く(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Seed demo data…</source>
        <translation>デモデータを追加(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>New &amp;unit…</source>
        <translation>新しい組織(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Rename unit…</source>
        <translation>組織名を変更(&amp;R)…</translation>
    </message>
    <message>
        <source>New &amp;cycle…</source>
        <translation>新しい評価サイクル(&amp;C)…</translation>
    </message>
    <message>
        <source>Rename c&amp;ycle…</source>
        <translation>評価サイクル名を変更(&amp;Y)…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>最新の情報に更新(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Walkthrough</source>
        <translation>回答(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Results</source>
        <translation>結果(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>履歴(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Compare teams and cycles</source>
        <translation>チーム・年度の比較(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Submit for approval…</source>
        <translation>承認を依頼（提出）(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation>承認(&amp;A)…</translation>
    </message>
    <message>
        <source>Re&amp;open…</source>
        <translation>差し戻し(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>キーボード操作(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;How scores are computed</source>
        <translation>スコアの計算方法(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About AI Readiness</source>
        <translation>AIレディネスについて(&amp;A)</translation>
    </message>
    <message>
        <source>New unit</source>
        <translation>新しい組織</translation>
    </message>
    <message>
        <source>New assessment</source>
        <translation>新しい評価</translation>
    </message>
    <message>
        <source>Units and assessments</source>
        <translation>組織と評価</translation>
    </message>
    <message>
        <source>Choose an assessment in the tree on the left, or start one with New assessment (Ctrl+N).

No units yet? Create them with New unit, or try the demo: File → Seed demo data.</source>
        <translation>左の一覧から評価を選ぶか、「新しい評価」(Ctrl+N) で始めてください。

組織がまだない場合は「新しい組織」で作成するか、「ファイル → デモデータを追加」でお試しください。</translation>
    </message>
    <message>
        <source>Unit %1 created.</source>
        <translation>組織 %1 を作成しました。</translation>
    </message>
    <message>
        <source>Select a unit in the tree first.</source>
        <translation>先に一覧から組織を選んでください。</translation>
    </message>
    <message>
        <source>Cycle %1 created.</source>
        <translation>評価サイクル %1 を作成しました。</translation>
    </message>
    <message>
        <source>Some module files were skipped</source>
        <translation>読み込めなかったモジュールファイルがあります</translation>
    </message>
    <message>
        <source>Open an assessment first.</source>
        <translation>先に評価を開いてください。</translation>
    </message>
    <message>
        <source>Scorecard saved to %1</source>
        <translation>スコアカードを保存しました: %1</translation>
    </message>
    <message>
        <source>Demo data ready: %1 units, %2 new assessments.</source>
        <translation>デモデータを用意しました: 組織 %1、新しい評価 %2 件。</translation>
    </message>
    <message>
        <source>Adding the demo ministry (12 teams, two cycles)…</source>
        <translation>デモ省（12チーム、2年度分）を追加しています…</translation>
    </message>
    <message>
        <source>Seed demo data</source>
        <translation>デモデータの追加</translation>
    </message>
    <message>
        <source>Add a fictional ministry (デモ省) with three bureaus, twelve teams and two cycles of answers? Existing data is kept; running it again adds nothing twice.</source>
        <translation>架空の省（デモ省：3局・12チーム、2年度分の回答）を追加しますか？既存のデータはそのまま残ります。再度実行しても重複して追加されることはありません。</translation>
    </message>
    <message>
        <source>Add demo data</source>
        <translation>デモデータを追加</translation>
    </message>
    <message>
        <source>About AI Readiness</source>
        <translation>AIレディネスについて</translation>
    </message>
    <message>
        <source>AI Readiness: team self-assessment against Japan&apos;s AI Basic Plan (人工知能基本計画).
It works offline and never opens a network connection.
Font: IPAexGothic (IPA Font License v1.0).</source>
        <translation>AIレディネス: 人工知能基本計画に照らしたチームの自己評価ツール。
オフラインで動作し、ネットワークには一切接続しません。
フォント: IPAexゴシック（IPAフォントライセンスv1.0）。</translation>
    </message>
</context>
<context>
    <name>NewAssessmentDialog</name>
    <message>
        <source>New assessment</source>
        <translation>新しい評価</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>評価サイクル</translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation>組織(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Cycle:</source>
        <translation>評価サイクル(&amp;C):</translation>
    </message>
    <message>
        <source>Create a unit first (Edit → New unit…).</source>
        <translation>先に組織を作成してください（編集 → 新しい組織…）。</translation>
    </message>
    <message>
        <source>Create a cycle first (Edit → New cycle…).</source>
        <translation>先に評価サイクルを作成してください（編集 → 新しい評価サイクル…）。</translation>
    </message>
    <message>
        <source>%1 already has an assessment for %2.</source>
        <translation>%1 には %2 の評価がすでにあります。</translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <source>Overall score</source>
        <translation>総合スコア</translation>
    </message>
    <message>
        <source>&amp;Export scorecard (PDF)…</source>
        <translation>スコアカードを出力 (PDF)(&amp;E)…</translation>
    </message>
    <message>
        <source>Export scorecard</source>
        <translation>スコアカードを出力</translation>
    </message>
    <message>
        <source>Open the PDF when done</source>
        <translation>出力後にPDFを開く</translation>
    </message>
    <message>
        <source>&amp;How scores are computed</source>
        <translation>スコアの計算方法(&amp;H)</translation>
    </message>
    <message>
        <source>How scores are computed</source>
        <translation>スコアの計算方法</translation>
    </message>
    <message>
        <source>Basic policies</source>
        <translation>基本的な方針</translation>
    </message>
    <message>
        <source>Principles</source>
        <translation>原則</translation>
    </message>
    <message>
        <source>Top recommendations</source>
        <translation>優先度の高い改善の提案</translation>
    </message>
    <message>
        <source>Supplementary modules (scored apart from the plan)</source>
        <translation>追加モジュール（基本計画とは別に採点）</translation>
    </message>
    <message>
        <source>Not assessed yet: answer at least one item.</source>
        <translation>未評価: 少なくとも1項目に回答してください。</translation>
    </message>
    <message>
        <source>Readiness level %1 %2</source>
        <translation>レディネス水準 %1 %2</translation>
    </message>
    <message>
        <source>Provisional (暫定): fewer than %1 of the items are answered.</source>
        <translation>暫定: 回答済みの項目が%1未満です。</translation>
    </message>
    <message>
        <source>Coverage %1: %2 answered, %3 N/A, of %4 items.</source>
        <translation>回答率 %1: 全%4項目のうち回答 %2、該当なし %3。</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>方針</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目標</translation>
    </message>
    <message>
        <source>Principle</source>
        <translation>原則</translation>
    </message>
    <message>
        <source>(provisional)</source>
        <translation>（暫定）</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>モジュール</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>水準</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>回答率</translation>
    </message>
    <message>
        <source>No recommendations yet: set a target level above the current level on some items.</source>
        <translation>提案はまだありません。いくつかの項目に、現在より高い目標水準を設定してください。</translation>
    </message>
    <message>
        <source>Now %1 → target %2 · gap %3 × weight %4 = priority %5</source>
        <translation>現在 %1 → 目標 %2 · 差 %3 × 重み %4 = 優先度 %5</translation>
    </message>
    <message>
        <source>Next step (level %1):</source>
        <translation>次の一歩（水準%1）:</translation>
    </message>
    <message>
        <source>Radar chart of the policy scores</source>
        <translation>方針別スコアのレーダーチャート</translation>
    </message>
    <message>
        <source>not assessed</source>
        <translation>未評価</translation>
    </message>
</context>
<context>
    <name>ShortcutHelpDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボード操作</translation>
    </message>
    <message>
        <source>Choose the level of the current item</source>
        <translation>表示中の項目の水準を選ぶ</translation>
    </message>
    <message>
        <source>Not applicable (asks for the reason)</source>
        <translation>該当なし（理由を入力）</translation>
    </message>
    <message>
        <source>Mark or unmark the item for review</source>
        <translation>要確認の印を付ける／外す</translation>
    </message>
    <message>
        <source>Next item</source>
        <translation>次の項目</translation>
    </message>
    <message>
        <source>Previous item</source>
        <translation>前の項目</translation>
    </message>
    <message>
        <source>Next unanswered item</source>
        <translation>次の未回答の項目</translation>
    </message>
    <message>
        <source>Next section</source>
        <translation>次の方針</translation>
    </message>
    <message>
        <source>Previous section</source>
        <translation>前の方針</translation>
    </message>
    <message>
        <source>Go to the target level (then 0 – 5 sets the target)</source>
        <translation>目標水準へ移動（その後 0〜5 で目標を設定）</translation>
    </message>
    <message>
        <source>Go to the comment</source>
        <translation>コメントへ移動</translation>
    </message>
    <message>
        <source>Go to the evidence</source>
        <translation>根拠資料へ移動</translation>
    </message>
    <message>
        <source>Move between levels and choose one</source>
        <translation>水準の間を移動し、選択する</translation>
    </message>
    <message>
        <source>Walkthrough / Results / History</source>
        <translation>回答／結果／履歴</translation>
    </message>
    <message>
        <source>Switch between the unit tree and the assessment</source>
        <translation>組織の一覧と評価の間でフォーカスを移動</translation>
    </message>
    <message>
        <source>New assessment</source>
        <translation>新しい評価</translation>
    </message>
    <message>
        <source>Export the scorecard</source>
        <translation>スコアカードを出力</translation>
    </message>
    <message>
        <source>This help</source>
        <translation>このヘルプ</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
</context>
<context>
    <name>TextPromptDialog</name>
    <message>
        <source>Ctrl+Enter confirms.</source>
        <translation>Ctrl+Enter で確定します。</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <source>Draft</source>
        <translation>下書き</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>提出済み</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>承認済み</translation>
    </message>
    <message>
        <source>verified in a primary text</source>
        <translation>一次資料で確認済み</translation>
    </message>
    <message>
        <source>verified in an official translation</source>
        <translation>公式訳で確認済み</translation>
    </message>
    <message>
        <source>secondary source</source>
        <translation>二次資料</translation>
    </message>
    <message>
        <source>inference, unverified</source>
        <translation>推論（未確認）</translation>
    </message>
    <message>
        <source>unverified lead</source>
        <translation>未確認の手がかり</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>作成</translation>
    </message>
    <message>
        <source>Answer changed</source>
        <translation>回答の変更</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>状態の変更</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>根拠資料</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>水準</translation>
    </message>
    <message>
        <source>N/A reason</source>
        <translation>該当なしの理由</translation>
    </message>
    <message>
        <source>Target level</source>
        <translation>目標水準</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>コメント</translation>
    </message>
    <message>
        <source>Marked for review</source>
        <translation>要確認</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>承認者</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>リンク</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>No</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>not assessed</source>
        <translation>未評価</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <source>Rename unit</source>
        <translation>組織名の変更</translation>
    </message>
    <message>
        <source>New unit</source>
        <translation>新しい組織</translation>
    </message>
    <message>
        <source>Parent unit</source>
        <translation>上位の組織</translation>
    </message>
    <message>
        <source>(top level: a ministry or agency)</source>
        <translation>（最上位: 府省庁）</translation>
    </message>
    <message>
        <source>Name (Japanese)</source>
        <translation>名前（日本語）</translation>
    </message>
    <message>
        <source>e.g. AI推進チーム</source>
        <translation>例: AI推進チーム</translation>
    </message>
    <message>
        <source>Name (English, optional)</source>
        <translation>英語名（任意）</translation>
    </message>
    <message>
        <source>e.g. AI Promotion Team</source>
        <translation>例: AI Promotion Team</translation>
    </message>
    <message>
        <source>&amp;Parent:</source>
        <translation>上位の組織(&amp;P):</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>組織:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;English name:</source>
        <translation>英語名(&amp;E):</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>名前を入力してください。</translation>
    </message>
    <message>
        <source>A name cannot contain &apos;/&apos;: it separates the levels of a unit path.</source>
        <translation>名前に「/」は使えません（組織の階層の区切りに使います）。</translation>
    </message>
    <message>
        <source>A name has at most %1 characters.</source>
        <translation>名前は%1文字以内です。</translation>
    </message>
    <message>
        <source>A unit with this name already exists here.</source>
        <translation>同じ階層に同じ名前の組織がすでにあります。</translation>
    </message>
</context>
<context>
    <name>UnitTreeModel</name>
    <message>
        <source>Unit / cycle</source>
        <translation>組織／評価サイクル</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>回答率</translation>
    </message>
</context>
<context>
    <name>WalkthroughPage</name>
    <message>
        <source>&amp;Unanswered only</source>
        <translation>未回答のみ(&amp;U)</translation>
    </message>
    <message>
        <source>Show unanswered items only</source>
        <translation>未回答の項目だけを表示</translation>
    </message>
    <message>
        <source>&amp;Marked only</source>
        <translation>要確認のみ(&amp;M)</translation>
    </message>
    <message>
        <source>Show items marked for review only</source>
        <translation>要確認の項目だけを表示</translation>
    </message>
    <message>
        <source>Section / item</source>
        <translation>方針／項目</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Sections and items</source>
        <translation>方針と項目</translation>
    </message>
    <message>
        <source>◀ Previous (K)</source>
        <translation>◀ 前へ (K)</translation>
    </message>
    <message>
        <source>Previous item</source>
        <translation>前の項目</translation>
    </message>
    <message>
        <source>Next (J) ▶</source>
        <translation>次へ (J) ▶</translation>
    </message>
    <message>
        <source>Next item</source>
        <translation>次の項目</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>お知らせ</translation>
    </message>
    <message>
        <source>Save state</source>
        <translation>保存の状態</translation>
    </message>
    <message>
        <source>Every change is saved at once</source>
        <translation>変更はすぐに保存されます</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>保存済み %1</translation>
    </message>
    <message>
        <source>This assessment is approved, so its answers are read-only.</source>
        <translation>この評価は承認済みのため、回答は読み取り専用です。</translation>
    </message>
    <message>
        <source>This assessment is submitted for approval, so its answers are read-only.</source>
        <translation>この評価は提出済み（承認待ち）のため、回答は読み取り専用です。</translation>
    </message>
    <message>
        <source>To change answers, reopen it with a reason: Assessment → Reopen… (an approver&apos;s decision).</source>
        <translation>回答を変更するには、理由を入力して差し戻してください: 評価 → 差し戻し…（承認者の判断で行います）。</translation>
    </message>
    <message>
        <source>N/A</source>
        <translation>該当なし</translation>
    </message>
    <message>
        <source>Supplementary module, scored apart from the plan: %1</source>
        <translation>追加モジュール（基本計画とは別に採点）: %1</translation>
    </message>
    <message>
        <source>%1 of %2 items answered (N/A counts as answered)</source>
        <translation>%2項目中%1項目に回答（該当なしも回答済みとして数えます）</translation>
    </message>
    <message>
        <source>%1 / %2 in %3</source>
        <translation>%3の %1 / %2</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>該当なし</translation>
    </message>
    <message>
        <source>Why does item %1 not apply to this team? The reason is shown to the approver.</source>
        <translation>項目 %1 がこのチームに該当しない理由を入力してください。理由は承認者に表示されます。</translation>
    </message>
    <message>
        <source>Reason for N/A</source>
        <translation>該当なしの理由</translation>
    </message>
    <message>
        <source>Editing… (saved when you pause or leave the field)</source>
        <translation>入力中…（手を止めるか、欄を離れると保存されます）</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1、%2</translation>
    </message>
    <message>
        <source>Item %1 was changed in another window or by another person (%2).</source>
        <translation>項目 %1 は、別のウィンドウまたは別の人によって変更されました（%2）。</translation>
    </message>
    <message>
        <source>The latest answer is shown now. Your change was not saved; make it again if needed.</source>
        <translation>最新の回答を表示しています。あなたの変更は保存されていません。必要であれば、もう一度変更してください。</translation>
    </message>
    <message>
        <source>Your unsaved comment: %1</source>
        <translation>保存されなかったコメント: %1</translation>
    </message>
</context>
</TS>
