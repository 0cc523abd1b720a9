/* The floor: the smallest useful libfcgi program, answering a constant. */
#include <fcgiapp.h>

int
main(void)
{
	FCGX_Request r;
	static const char resp[] = "Status: 200 OK\r\nContent-Type: text/plain\r\n"
	    "Content-Length: 6\r\n\r\nhello\n";

	FCGX_Init();
	FCGX_InitRequest(&r, 0, 0);
	while (FCGX_Accept_r(&r) >= 0) {
		FCGX_PutStr(resp, sizeof(resp) - 1, r.out);
		FCGX_Finish_r(&r);
	}
	return 0;
}
