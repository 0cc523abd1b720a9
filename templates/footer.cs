</main>
<footer class="site-footer">
  <div class="container footer-inner">
    <p class="footer-name"><?cs var:Portal.Name ?></p>
    <p><a href="<?cs var:Page.Base ?>/status"><?cs call:icon("status") ?><span><?cs var:L.Footer.StatusLink ?></span></a></p>
    <p><a href="<?cs var:Page.Base ?>/privacy/terms"><span><?cs var:L.Footer.Terms ?></span></a> · <a href="<?cs var:Page.Base ?>/privacy/notice"><span><?cs var:L.Footer.Notice ?></span></a></p>
<?cs if:Page.RequestId ?>
    <p class="footer-ref"><?cs var:L.Footer.Reference ?>: <code><?cs var:Page.RequestId ?></code></p>
<?cs /if ?>
  </div>
</footer>
</body>
</html>
