from assistant.ui import initiatives_page

initiatives_page.render()
