;;; emacs.el --- drives `avglint lsp' through Emacs's eglot  -*- lexical-binding: t -*-
;; Run as `emacs --batch -Q -l emacs.el'.  The set-up is docs/editors.md's (avg-mode, the server in
;; `eglot-server-programs', `eglot-ensure' in the mode's hook), with the server run by the test's
;; Python.  Inputs from the environment, results as JSON to AVGLINT_RESULT.
(require 'json)
(require 'package)

(defconst avglint-register (getenv "AVGLINT_REGISTER"))
(defconst avglint-result (getenv "AVGLINT_RESULT"))
(defconst avglint-wait 120 "Seconds before something that never comes fails the test instead of hanging it.")
(defvar avglint-results nil "The results so far, an alist written as JSON at the end.")

(defun avglint-record (key value)
  (setq avglint-results (append avglint-results (list (cons key value)))))

(defun avglint-wait-until (done)
  "Let Emacs read the server's messages until DONE returns non-nil or `avglint-wait' passes."
  (let ((deadline (+ (float-time) avglint-wait)))
    (while (and (not (funcall done)) (< (float-time) deadline))
      (accept-process-output nil 0.05))))

(defun avglint-diagnostics ()
  "The current buffer's Flymake diagnostics as [rule-id line] pairs, in the buffer's order."
  (vconcat
   (mapcar (lambda (diagnostic)
             (vector (plist-get (alist-get 'eglot-lsp-diag (flymake-diagnostic-data diagnostic)) :code)
                     (line-number-at-pos (flymake-diagnostic-beg diagnostic))))
           (sort (flymake-diagnostics)
                 (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))))

(defun avglint-finish ()
  (with-temp-file avglint-result (insert (json-encode avglint-results)))
  (kill-emacs 0))

;; Emacs 29 has eglot built in; Emacs 28 has it from ELPA (Debian's elpa-eglot installs it where
;; -Q does not look).
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(unless (require 'eglot nil t)
  (avglint-record 'missing "eglot cannot be loaded: apt-get install elpa-eglot (Emacs 28)")
  (avglint-finish))

(define-derived-mode avg-mode prog-mode "AVG"
  "Processing registers (.avg)."
  (setq-local comment-start "# "))
(add-to-list 'auto-mode-alist '("\\.avg\\'" . avg-mode))
(add-to-list 'eglot-server-programs `(avg-mode . (,(getenv "AVGLINT_PYTHON") "-m" "avglint" "lsp")))
(add-hook 'avg-mode-hook #'eglot-ensure)

(condition-case problem
    (progn
      (find-file avglint-register)
      ;; `eglot-ensure' connects when the command that opened the file ends; batch mode has no
      ;; command loop, so end it here.
      (run-hooks 'post-command-hook)
      (avglint-wait-until #'flymake-diagnostics)
      (avglint-record 'diagnostics (avglint-diagnostics))
      (goto-char (point-min))
      (search-forward "Gerechtigd")

      ;; the quick fix: M-x eglot-code-actions on the misspelt basis, taking the offered default
      ;; (the preferred action) as RET at the prompt would
      (avglint-record 'actions (vconcat (mapcar (lambda (action) (plist-get action :title))
                                                (eglot-code-actions (line-beginning-position)
                                                                    (line-end-position)))))
      (let ((completing-read-function (lambda (_prompt _actions _predicate _require _initial _history default
                                                       &rest _)
                                        default))
            (last-nonmenu-event ?\r))  ; a key, not a mouse click: a prompt, not a popup menu
        (call-interactively #'eglot-code-actions))
      (avglint-record 'fixed_line (buffer-substring-no-properties (line-beginning-position) (line-end-position)))
      ;; saving sends the change (eglot sends it on an idle timer otherwise, which batch mode never runs)
      (save-buffer)
      (avglint-wait-until (lambda () (not (seq-find (lambda (found) (equal (aref found 0) "AVG202"))
                                                     (avglint-diagnostics)))))
      (avglint-record 'after_fix (avglint-diagnostics))

      ;; hover on a key, through eglot's ElDoc function as ElDoc would call it
      (goto-char (point-min))
      (search-forward "doel:")
      (backward-char 3)
      (let (hover)
        (eglot-hover-eldoc-function (lambda (info &rest _) (setq hover (or info ""))))
        (avglint-wait-until (lambda () hover))
        (avglint-record 'hover (or hover "")))
      (eglot-shutdown (eglot-current-server)))
  (error (avglint-record 'error (error-message-string problem))))
(avglint-finish)
