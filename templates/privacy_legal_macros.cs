<?cs #
  The legal texts' pages (cgi-bin/privacy-legal.c).
  legal_body(paras): a body as the program gives it, paras.N.M the lines
  of paragraph N; every line is escaped like all data, markup shows as
  typed.
?><?cs def:legal_body(paras) ?>
  <div class="legal-body"><?cs each:para = paras ?>
    <p><?cs each:line = para ?><?cs var:line ?><?cs if:!last(line) ?><br><?cs /if ?><?cs /each ?></p><?cs /each ?>
  </div><?cs
/def ?><?cs
def:legal_nav() ?>
<p class="page-back"><a href="<?cs var:Page.Base ?>/privacy/admin/texts"><?cs call:icon("arrow-left") ?><span><?cs var:L.Privacy.Legal.Admin.Back ?></span></a></p><?cs
/def ?>
