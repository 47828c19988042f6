from kzlaw.cli import main

main()
